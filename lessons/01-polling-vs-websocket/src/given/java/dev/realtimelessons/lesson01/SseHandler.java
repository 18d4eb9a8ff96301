package dev.realtimelessons.lesson01;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.lesson01.feed.EventFeed;
import dev.realtimelessons.lesson01.feed.Subscription;

/**
 * {@code GET /events}: the feed as a Server-Sent Events stream.
 *
 * <p>The response stays open (suspended, so no thread waits on it). It starts with a {@code retry:} line, replays
 * what the client missed (from {@code Last-Event-ID}, which browsers send by themselves when they reconnect, or
 * from {@code ?since=}), then streams every new event with its {@code id:}. A comment line every heartbeat
 * interval keeps proxies from closing a quiet stream and lets the server notice a client that has gone.
 */
public final class SseHandler extends HttpHandler {

    /** The SSE event name of a tick; a browser listens with {@code addEventListener("tick", ...)}. */
    public static final String EVENT_NAME = "tick";

    private static final System.Logger LOG = System.getLogger(SseHandler.class.getName());

    private final EventFeed feed;
    private final Duration heartbeat;
    private final Duration retry;
    private final ScheduledExecutorService scheduler;

    /**
     * Creates the handler.
     *
     * @param feed      the feed
     * @param heartbeat how often to send a comment line on a quiet stream
     * @param retry     the reconnection delay to ask browsers for
     * @param scheduler runs the heartbeats
     */
    public SseHandler(EventFeed feed, Duration heartbeat, Duration retry, ScheduledExecutorService scheduler) {
        this.feed = feed;
        this.heartbeat = heartbeat;
        this.retry = retry;
        this.scheduler = scheduler;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (request.getMethod() != Method.GET) {
            JsonResponses.methodNotAllowed(response, "GET");
            return;
        }
        long after;
        try {
            after = SseProtocol.resumeAfter(request.getHeader("Last-Event-ID"), request.getParameter("since"),
                    feed.latestId());
        } catch (BadRequest e) {
            JsonResponses.error(response, 400, e.code(), e.getMessage());
            return;
        }

        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no"); // tells nginx not to buffer the stream

        Stream stream = new Stream(response);
        response.suspend(-1, TimeUnit.MILLISECONDS, new EmptyCompletionHandler<>() {
            @Override
            public void cancelled() {
                stream.close(); // the client went away
            }
        });
        stream.write(SseProtocol.retry(retry));
        // Not under the stream's lock: the feed calls the listener under its own lock, and taking the two locks
        // in opposite orders on two threads would deadlock.
        Subscription subscription = feed.subscribe(after, (event, json) ->
                stream.write(SseProtocol.event(event.id(), EVENT_NAME, json)));
        ScheduledFuture<?> beats = scheduler.scheduleAtFixedRate(
                () -> stream.write(SseProtocol.comment("heartbeat")),
                heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        stream.attach(subscription, beats);
    }

    /** One open stream: one writer at a time (feed thread and heartbeat thread both write). */
    private static final class Stream {
        private final Response response;
        private final Writer writer;
        private Subscription subscription;
        private ScheduledFuture<?> heartbeat;
        private boolean closed;

        Stream(Response response) {
            this.response = response;
            this.writer = response.getWriter();
        }

        synchronized void attach(Subscription subscription, ScheduledFuture<?> heartbeat) {
            this.subscription = subscription;
            this.heartbeat = heartbeat;
            if (closed) {
                close(); // the client left while we were subscribing
            }
        }

        synchronized void write(String text) {
            if (closed) {
                return;
            }
            try {
                writer.write(text);
                writer.flush();
            } catch (IOException | RuntimeException gone) {
                LOG.log(System.Logger.Level.DEBUG, "SSE client gone: {0}", gone.toString());
                close();
                try {
                    response.resume();
                } catch (IllegalStateException alreadyCancelled) {
                    // the connection is gone; nothing to finish
                }
            }
        }

        synchronized void close() {
            closed = true;
            if (subscription != null) {
                subscription.close();
            }
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
    }
}
