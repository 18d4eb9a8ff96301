package dev.realtimelessons.kit.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.json.Json;

/**
 * Tiny HTTP helpers for tests, on the JDK's {@link HttpClient}. Failures to connect become
 * {@link AssertionError}s that name the URI.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Http() {
    }

    /**
     * {@code GET} a URI, waiting up to 10 s for the whole response.
     *
     * @param uri the URI
     * @return the response with its body as text
     */
    public static HttpResponse<String> get(URI uri) {
        return get(uri, DEFAULT_TIMEOUT);
    }

    /**
     * {@code GET} a URI.
     *
     * @param uri     the URI
     * @param timeout how long the whole exchange may take
     * @return the response with its body as text
     */
    public static HttpResponse<String> get(URI uri, Duration timeout) {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
    }

    /**
     * {@code POST} a value as JSON.
     *
     * @param uri  the URI
     * @param body anything {@link Json#write(Object)} accepts, or ready-made text
     * @return the response with its body as text
     */
    public static HttpResponse<String> postJson(URI uri, Object body) {
        String text = body instanceof String s ? s : Json.write(body);
        return send(HttpRequest.newBuilder(uri).timeout(DEFAULT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    /**
     * Sends any method, with an optional JSON body.
     *
     * @param method for example {@code DELETE}
     * @param uri    the URI
     * @param body   anything {@link Json#write(Object)} accepts, ready-made text, or null for no body
     * @return the response with its body as text
     */
    public static HttpResponse<String> send(String method, URI uri, Object body) {
        return send(method, uri, body, Map.of());
    }

    /**
     * Sends any method with headers (for example {@code Authorization} or {@code X-API-Key}) and an optional JSON
     * body.
     *
     * @param method  for example {@code GET}
     * @param uri     the URI
     * @param body    anything {@link Json#write(Object)} accepts, ready-made text, or null for no body
     * @param headers header names and values
     * @return the response with its body as text
     */
    public static HttpResponse<String> send(String method, URI uri, Object body, Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Json.write(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(DEFAULT_TIMEOUT)
                .header("Content-Type", "application/json").method(method, publisher);
        headers.forEach(request::header);
        return send(request.build());
    }

    /**
     * Parses a response body as JSON.
     *
     * @param response a response
     * @return the body as a tree
     */
    public static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
