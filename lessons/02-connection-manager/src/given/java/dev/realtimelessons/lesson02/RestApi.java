package dev.realtimelessons.lesson02;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.json.JsonException;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * The REST side of the connection manager, for the rest of a system (a back end that must notify a user):
 * <ul>
 *   <li>{@code GET /api/stats}: connections, users, connections per user</li>
 *   <li>{@code GET /api/connections}: every open connection</li>
 *   <li>{@code DELETE /api/connections/{id}}: closes one (1000), 204; 404 if unknown</li>
 *   <li>{@code POST /api/notify/{user}} {@code {"data": ...}}: a {@code notification} to every connection of a
 *       user; answers {@code {"delivered": n}}</li>
 *   <li>{@code POST /api/broadcast} {@code {"data": ..., "exclude_user": "bob"}}: a {@code notification} to
 *       everyone, optionally but one user</li>
 * </ul>
 * Input is validated like WebSocket input: a bad body or name is a 400 with the same error codes.
 */
public final class RestApi extends HttpHandler {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final ChatApp app;

    /**
     * Creates the API.
     *
     * @param app the application
     */
    public RestApi(ChatApp app) {
        this.app = app;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        String path = request.getRequestURI();
        Method method = request.getMethod();
        try {
            if (path.equals("/api/stats")) {
                requireMethod(method, Method.GET, response);
                JsonResponses.send(response, 200, app.statsMessage());
            } else if (path.equals("/api/connections")) {
                requireMethod(method, Method.GET, response);
                JsonResponses.send(response, 200, Map.of("connections", app.connections().connections().stream()
                        .map(c -> new ConnectionInfo(c.id(), c.user(), c.openedAt().toString(), c.queued()))
                        .toList()));
            } else if (path.startsWith("/api/connections/")) {
                requireMethod(method, Method.DELETE, response);
                String id = path.substring("/api/connections/".length());
                Connection connection = app.connections().connection(id).orElseThrow(
                        () -> new ProtocolError(ErrorCode.NOT_FOUND, "no open connection " + id));
                connection.close(1000, "closed by an administrator");
                response.setStatus(204);
            } else if (path.startsWith("/api/notify/")) {
                requireMethod(method, Method.POST, response);
                String user = Identity.validUser(path.substring("/api/notify/".length()));
                JsonNode body = body(request);
                int delivered = app.users().toUser(user, Messages.text(Messages.Notification.now(data(body))));
                JsonResponses.send(response, 200, Map.of("delivered", delivered));
            } else if (path.equals("/api/broadcast")) {
                requireMethod(method, Method.POST, response);
                JsonNode body = body(request);
                JsonNode exclude = body.get("exclude_user");
                if (exclude != null && !exclude.isNull() && !exclude.isTextual()) {
                    throw new ProtocolError(ErrorCode.INVALID_FIELD, "exclude_user must be a string");
                }
                int delivered = app.users().toEveryone(Messages.text(Messages.Notification.now(data(body))),
                        exclude == null || exclude.isNull() ? null : Identity.validUser(exclude.asText()));
                JsonResponses.send(response, 200, Map.of("delivered", delivered));
            } else {
                JsonResponses.error(response, 404, ErrorCode.NOT_FOUND.wire(), "no such resource: " + path);
            }
        } catch (ProtocolError e) {
            int status = switch (e.code()) {
                case NOT_FOUND -> 404;
                case MESSAGE_TOO_LARGE -> 413;
                default -> 400;
            };
            JsonResponses.error(response, status, e.code().wire(), e.getMessage());
        } catch (WrongMethod answered) {
            // the 405 has been written
        }
    }

    private static void requireMethod(Method actual, Method expected, Response response)
            throws IOException, WrongMethod {
        if (actual != expected) {
            JsonResponses.methodNotAllowed(response, expected.getMethodString());
            throw new WrongMethod();
        }
    }

    /**
     * Reads a request's body as one JSON object, at most 64 KiB (lesson 07's room API reads its bodies this way).
     *
     * @param request the request
     * @return the body
     * @throws IOException    if it cannot be read
     * @throws ProtocolError  {@code message_too_large} over the limit, {@code malformed_json} for anything but one
     *                        JSON object
     */
    public static JsonNode body(Request request) throws IOException, ProtocolError {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ProtocolError(ErrorCode.MESSAGE_TOO_LARGE, "a body may have at most " + MAX_BODY_BYTES
                    + " bytes");
        }
        try {
            JsonNode body = Json.tree(new String(bytes, StandardCharsets.UTF_8));
            if (body == null || !body.isObject()) {
                throw new ProtocolError(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
            }
            return body;
        } catch (JsonException e) {
            throw new ProtocolError(ErrorCode.MALFORMED_JSON, e.getMessage());
        }
    }

    private static JsonNode data(JsonNode body) throws ProtocolError {
        JsonNode data = body.get("data");
        if (data == null || data.isNull()) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "data is required (any JSON value but null)");
        }
        return data;
    }

    /** One entry of {@code GET /api/connections}. */
    private record ConnectionInfo(String id, String user, String opened_at, int queued) {
    }

    /** The method was wrong and the answer is written; nothing else to do. */
    private static final class WrongMethod extends Exception {
        WrongMethod() {
            super(null, null, false, false);
        }
    }
}
