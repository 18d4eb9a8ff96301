package dev.realtimelessons.lesson09;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;

/**
 * Lesson 08's {@code GET /sse} while the server drains: a new event stream gets what a new WebSocket gets, 503
 * {@code shutting_down} with {@code Retry-After}, so that the browser (or the load balancer) tries another
 * server; otherwise the request goes to the handler underneath.
 */
public final class RefuseWhileDraining extends HttpHandler {

    private final HttpHandler streams;
    private final BooleanSupplier draining;
    private final Duration retryAfter;

    /**
     * @param streams    lesson 08's handler
     * @param draining   whether the server drains
     * @param retryAfter what {@code Retry-After} says, in whole seconds (at least 1)
     */
    public RefuseWhileDraining(HttpHandler streams, BooleanSupplier draining, Duration retryAfter) {
        this.streams = streams;
        this.draining = draining;
        this.retryAfter = retryAfter;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (draining.getAsBoolean()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
            JsonResponses.error(response, 503, "shutting_down", "the server is shutting down; try again later");
            return;
        }
        streams.service(request, response);
    }
}
