package dev.realtimelessons.lesson09;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;

/**
 * {@code POST /api/drain}, behind lesson 04's {@code AdminApi} (an API key or the admin role): starts this server's
 * drain and answers at once, 202 {@code {"draining": true, "window_ms": ..., "batches": ...}}; the drain goes on in
 * the background, and {@code /ready} says 503 from now on. Calling it again changes nothing and answers the same.
 * A deploy script calls it, waits until the server has no connection (or the window has passed), then stops the
 * process.
 */
public final class DrainApi extends HttpHandler {

    private final Drainer drainer;
    private final ProductionConfig config;

    /**
     * @param drainer this server's drain
     * @param config  the window and the batches, for the answer
     */
    public DrainApi(Drainer drainer, ProductionConfig config) {
        this.drainer = drainer;
        this.config = config;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        if (request.getMethod() != Method.POST) {
            JsonResponses.methodNotAllowed(response, "POST");
            return;
        }
        try {
            drainer.start();
        } catch (IllegalStateException notYet) { // the server is still starting
            JsonResponses.error(response, 503, "unavailable", notYet.getMessage());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("draining", true);
        body.put("window_ms", config.drainWindow().toMillis());
        body.put("batches", config.drainBatches());
        JsonResponses.send(response, 202, body);
    }
}
