package dev.realtimelessons.lesson01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.realtimelessons.lesson01.client.FeedClient;
import dev.realtimelessons.lesson01.client.LongPollingClient;
import dev.realtimelessons.lesson01.client.ShortPollingClient;
import dev.realtimelessons.lesson01.client.SseFeedClient;
import dev.realtimelessons.lesson01.client.WebSocketFeedClient;
import dev.realtimelessons.lesson01.feed.Event;

/** The whole lesson at once: it passes when steps 1 to 3 are done. */
@DisplayName("Every technique")
class EveryTechniqueTest {

    private static final int EVENTS = 50;

    @RegisterExtension
    final RunningFeedServer server = RunningFeedServer.with(FeedServerConfig.forTests());

    @ParameterizedTest(name = "{0}")
    @DisplayName("delivers every event once, in order")
    @ValueSource(strings = {"short polling", "long polling", "SSE", "WebSocket"})
    void deliversEveryEventOnceInOrder(String technique) {
        List<Long> received = new CopyOnWriteArrayList<>();
        try (FeedClient client = client(technique, server.uri("http", ""))) {
            client.start(0, (Event event) -> received.add(event.id()));
            server.publish(EVENTS);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(received).as(technique + " received").hasSizeGreaterThanOrEqualTo(EVENTS));
            assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(1, EVENTS).boxed().toList());
        }
    }

    private static FeedClient client(String technique, URI base) {
        return switch (technique) {
            case "short polling" -> new ShortPollingClient(base, Duration.ofMillis(50));
            case "long polling" -> new LongPollingClient(base, Duration.ofSeconds(30));
            case "SSE" -> new SseFeedClient(base);
            case "WebSocket" -> new WebSocketFeedClient(base);
            default -> throw new IllegalArgumentException(technique);
        };
    }
}
