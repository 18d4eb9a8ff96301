package dev.realtimelessons.lesson09;

import java.io.IOException;
import java.util.Map;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;

/**
 * {@code GET /health} and {@code GET /ready}, open to anyone (a load balancer has no credentials), saying nothing
 * secret. {@code /health}: 200 {@code {"status": "up"}} while the process answers at all, so that an orchestrator
 * restarts a process that does not. {@code /ready}: 200 when this server can serve a new client, 503 when not
 * (Redis or the database unreachable, or draining), with each check, so that a load balancer sends new clients
 * elsewhere without restarting anything.
 */
public final class HealthApi extends HttpHandler {

    private final Readiness readiness;

    /**
     * @param readiness the checks of {@code /ready}; null for {@code /health}
     */
    public HealthApi(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        if (request.getMethod() != Method.GET && request.getMethod() != Method.HEAD) {
            JsonResponses.methodNotAllowed(response, "GET, HEAD");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (readiness == null) {
            JsonResponses.send(response, 200, Map.of("status", "up"));
            return;
        }
        Readiness.Report report = readiness.check();
        JsonResponses.send(response, report.ready() ? 200 : 503, report);
    }
}
