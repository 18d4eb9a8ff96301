package dev.realtimelessons.lesson01;

import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.kit.server.Endpoints;
import dev.realtimelessons.kit.server.RealtimeServer;
import dev.realtimelessons.lesson01.feed.EventFeed;
import dev.realtimelessons.lesson01.feed.Ticker;

/**
 * One feed served four ways on one port:
 * <ul>
 *   <li>{@code GET /poll?since=N}: short polling</li>
 *   <li>{@code GET /long-poll?since=N}: long polling</li>
 *   <li>{@code GET /events}: Server-Sent Events</li>
 *   <li>{@code ws://.../ws?since=N}: WebSocket</li>
 *   <li>{@code GET /}: a page that shows all four side by side</li>
 * </ul>
 */
public final class FeedServer implements AutoCloseable {

    private final EventFeed feed;
    private final RealtimeServer server;
    private final ScheduledExecutorService scheduler;
    private final Ticker ticker;

    private FeedServer(EventFeed feed, RealtimeServer server, ScheduledExecutorService scheduler, Ticker ticker) {
        this.feed = feed;
        this.server = server;
        this.scheduler = scheduler;
        this.ticker = ticker;
    }

    /**
     * Starts a server.
     *
     * @param config how to run
     * @return the running server
     */
    // tag::wiring[]
    public static FeedServer start(FeedServerConfig config) {
        EventFeed feed = new EventFeed(config.feedCapacity());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sse-heartbeat"));
        RealtimeServer.Builder builder = RealtimeServer.builder()
                .host(config.host())
                .port(config.port())
                .http("/poll", PollHandler.shortPoll(feed))
                .http("/long-poll", PollHandler.longPoll(feed, new LongPollWait(feed, config.longPollTimeout())))
                .http("/events", new SseHandler(feed, config.sseHeartbeat(), config.sseRetry(), scheduler))
                .websocket(Endpoints.perConnection(FeedEndpoint.class, "/ws", () -> new FeedEndpoint(feed)))
                .staticFiles("/", "web/lesson01");
        // end::wiring[]
        if (config.workerThreads() > 0) {
            builder.workerThreads(config.workerThreads());
        }
        RealtimeServer server = builder.start();
        Ticker ticker = config.ratePerSecond() > 0 ? new Ticker(feed, config.ratePerSecond()) : null;
        return new FeedServer(feed, server, scheduler, ticker);
    }

    /**
     * The feed, for tests that publish by hand.
     *
     * @return the feed
     */
    public EventFeed feed() {
        return feed;
    }

    /**
     * An absolute URI on this server.
     *
     * @param scheme       {@code http} or {@code ws}
     * @param pathAndQuery for example {@code "/poll?since=0"}
     * @return the URI
     */
    public URI uri(String scheme, String pathAndQuery) {
        return server.uri(scheme, pathAndQuery);
    }

    /** Stops the ticker, then the server. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.close();
        }
        server.close();
        scheduler.shutdownNow();
    }
}
