package dev.realtimelessons.lesson09;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;

/**
 * {@code GET /metrics}: every meter of the server in Prometheus's text format (version 0.0.4), for a Prometheus
 * server to scrape every 15 s or so. {@link Metrics#install} puts it behind lesson 04's {@code AdminApi}: this
 * service has one port, open to the clients, and what the figures say (how many people are connected, how often
 * Redis fails) is for the team, not for anyone who asks; a scrape also costs the server a walk over every meter.
 * Prometheus sends the service's key with each scrape (its {@code http_headers}, or a bearer token of the admin
 * role); a deployment with an internal port for scrapers could leave it open there instead.
 */
public final class MetricsApi extends HttpHandler {

    /** Prometheus's text format, as its scrapers ask for it. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    /**
     * @param registry the server's meters
     */
    public MetricsApi(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        if (request.getMethod() != Method.GET) {
            JsonResponses.methodNotAllowed(response, "GET");
            return;
        }
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
