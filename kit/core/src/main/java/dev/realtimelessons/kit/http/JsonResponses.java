package dev.realtimelessons.kit.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.json.Json;

/**
 * Writes JSON bodies on Grizzly responses, always as UTF-8 (Grizzly's default is ISO-8859-1).
 */
public final class JsonResponses {

    private JsonResponses() {
    }

    /**
     * Writes a JSON body with a status.
     *
     * @param response the response, not yet committed
     * @param status   the HTTP status
     * @param body     anything {@link Json#write(Object)} accepts
     * @throws IOException if the client has gone
     */
    public static void send(Response response, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * Writes the course's error body, {@code {"error": code, "message": message}}.
     *
     * @param response the response, not yet committed
     * @param status   a 4xx or 5xx status
     * @param code     a stable, machine-readable code such as {@code invalid_since}
     * @param message  a sentence for a person
     * @throws IOException if the client has gone
     */
    public static void error(Response response, int status, String code, String message) throws IOException {
        send(response, status, new ErrorBody(code, message));
    }

    /**
     * The course's error body, {@code {"error": code, "message": message}}, as UTF-8 bytes: for answers written
     * below Grizzly's {@link Response}, such as a refused WebSocket handshake.
     *
     * @param code    a stable, machine-readable code
     * @param message a sentence for a person
     * @return the body
     */
    public static byte[] errorBody(String code, String message) {
        return Json.write(new ErrorBody(code, message)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code 405 Method Not Allowed} with the {@code Allow} header and the course's error body.
     *
     * @param response the response, not yet committed
     * @param allowed  the methods the resource accepts, for example {@code "GET"}
     * @throws IOException if the client has gone
     */
    public static void methodNotAllowed(Response response, String allowed) throws IOException {
        response.setHeader("Allow", allowed);
        error(response, 405, "method_not_allowed", "use " + allowed);
    }

    /** The error body, a record so that {@code error} always comes before {@code message}. */
    private record ErrorBody(String error, String message) {
    }
}
