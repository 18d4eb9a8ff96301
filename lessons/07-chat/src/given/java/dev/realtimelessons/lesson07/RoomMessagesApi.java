package dev.realtimelessons.lesson07;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.lesson02.RestApi;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson03.RoomName;
import dev.realtimelessons.lesson04.AdminApi;
import dev.realtimelessons.lesson04.Authenticated;
import dev.realtimelessons.lesson06.ClusterRooms;
import dev.realtimelessons.lesson06.RoomWorkers;

/**
 * {@code POST /api/rooms/{room}/messages}: a back end stores a message in a room and every member gets it, as if a
 * member had published it, from the API key's service. It is what a back end calls after its own commit ("your
 * order shipped"). Behind lesson 04's {@link AdminApi}: an API key (or the admin role) is required.
 *
 * <p>The body is {@code {"data": …, "client_msg_id": "…"}} ({@code client_msg_id} optional, as on the WebSocket):
 * the answer is 201 with {@code room}, {@code seq} and {@code retry}. A retry with the same {@code client_msg_id}
 * gets the same {@code seq}, and nobody gets the message twice.
 */
public final class RoomMessagesApi extends HttpHandler {

    private static final String PREFIX = "/api/rooms/";
    private static final String SUFFIX = "/messages";
    private static final long TIMEOUT_SECONDS = 10;

    private final MessageStore store;
    private final ClusterRooms delivery;
    private final RoomWorkers workers;

    /**
     * @param store    the messages
     * @param delivery delivers to the room's members on every server
     * @param workers  the room workers, where a room's messages are numbered and delivered in order
     */
    public RoomMessagesApi(MessageStore store, ClusterRooms delivery, RoomWorkers workers) {
        this.store = store;
        this.delivery = delivery;
        this.workers = workers;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        String path = request.getRequestURI();
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            JsonResponses.error(response, 404, ErrorCode.NOT_FOUND.wire(), "no such resource: " + path);
            return;
        }
        if (request.getMethod() != Method.POST) {
            JsonResponses.methodNotAllowed(response, "POST");
            return;
        }
        Authenticated caller = (Authenticated) request.getAttribute(AdminApi.CALLER);
        try {
            String room = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
            RoomName.valid(room);
            JsonNode body = RestApi.body(request);
            JsonNode data = body.get("data");
            if (data == null || data.isNull()) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, "data is required (any JSON value but null)");
            }
            JsonNode id = body.get("client_msg_id");
            if (id != null && !id.isNull() && !id.isTextual()) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, "client_msg_id must be a string");
            }
            String clientMsgId = id == null || id.isNull() ? null : id.asText();
            ChatRequest.validClientMsgId(clientMsgId);
            Sent sent = publish(room, caller.user(), clientMsgId, data);
            JsonResponses.send(response, 201, Map.of("room", room, "seq", sent.message().seq(), "retry",
                    sent.retry()));
        } catch (ProtocolError e) {
            int status = switch (e.code()) {
                case MESSAGE_TOO_LARGE -> 413;
                case UNAVAILABLE -> 503;
                default -> 400;
            };
            JsonResponses.error(response, status, e.code().wire(), e.getMessage());
        }
    }

    /** Stores and delivers on the room's worker, in the room's order, and waits for it (a few milliseconds). */
    private Sent publish(String room, String author, String clientMsgId, JsonNode data) throws ProtocolError {
        CompletableFuture<Sent> done = new CompletableFuture<>();
        workers.of(room).execute(() -> {
            try {
                Sent sent = store.append(room, author, clientMsgId, data); // committed: now it may be told
                if (!sent.retry()) {
                    delivery.deliverNumbered(room, sent.message().toRoomMessage());
                }
                done.complete(sent);
            } catch (SQLException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProtocolError(ErrorCode.UNAVAILABLE, "the database cannot be reached; nothing was stored, "
                    + "try again with the same client_msg_id");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolError(ErrorCode.UNAVAILABLE, "interrupted; try again with the same client_msg_id");
        }
    }
}
