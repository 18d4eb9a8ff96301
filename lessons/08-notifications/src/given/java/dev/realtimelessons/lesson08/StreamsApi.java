package dev.realtimelessons.lesson08;

import java.io.IOException;
import java.util.Map;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;

/**
 * {@code GET /api/streams}, behind lesson 04's API-key check: how many event streams this server holds, and how many
 * its limits allow ({@code {"open": 3, "max": 10000, "max_per_user": 10}}); WebSocket connections are in
 * {@code /api/stats}.
 */
public final class StreamsApi extends HttpHandler {

    private final LocalStreams streams;
    private final NotificationsConfig config;

    /**
     * @param streams this server's streams
     * @param config  the limits
     */
    public StreamsApi(LocalStreams streams, NotificationsConfig config) {
        this.streams = streams;
        this.config = config;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        if (request.getMethod() != Method.GET) {
            JsonResponses.methodNotAllowed(response, "GET");
            return;
        }
        JsonResponses.send(response, 200, Map.of("open", streams.count(), "max", config.maxStreams(),
                "max_per_user", config.maxStreamsPerUser()));
    }
}
