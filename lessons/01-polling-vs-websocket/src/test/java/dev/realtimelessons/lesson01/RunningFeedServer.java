package dev.realtimelessons.lesson01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.realtimelessons.lesson01.feed.EventFeed;

/**
 * A {@link FeedServer} for each test, closed after it: register with
 * {@code @RegisterExtension final RunningFeedServer server = RunningFeedServer.with(config)}.
 */
final class RunningFeedServer implements BeforeEachCallback, AfterEachCallback {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FeedServerConfig config;
    private FeedServer server;

    private RunningFeedServer(FeedServerConfig config) {
        this.config = config;
    }

    /** Starts a server with this configuration before each test. */
    static RunningFeedServer with(FeedServerConfig config) {
        return new RunningFeedServer(config);
    }

    /** Starts nothing by itself: each test calls {@link #start} with the configuration it needs. */
    static RunningFeedServer startedByEachTest() {
        return new RunningFeedServer(null);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (config != null) {
            start(config);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    FeedServer start(FeedServerConfig configuration) {
        server = FeedServer.start(configuration);
        return server;
    }

    URI uri(String scheme, String pathAndQuery) {
        return server.uri(scheme, pathAndQuery);
    }

    EventFeed feed() {
        return server.feed();
    }

    void publish(int count) {
        for (int i = 0; i < count; i++) {
            server.feed().publish();
        }
    }

    /** Waits until exactly {@code count} clients are subscribed to the feed, the only sign a parked client gives. */
    void awaitSubscribers(int count, String what) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(server.feed().subscriberCount())
                .as(what + " subscribed to the feed").isEqualTo(count));
    }
}
