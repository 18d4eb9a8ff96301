package dev.realtimelessons.bench.servers;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The bare Tyrus reference: a room broadcast with nothing around it. It reads the course's {@code join} and
 * {@code publish} frames (PROTOCOL.md) and sends every member the same shape of {@code message}, looping over the
 * room's sessions with {@code getAsyncRemote().sendText}, the way a first Tyrus program would (with one setting,
 * the idle timeout, that the course's servers share). No limits, no
 * acknowledgements, no history: it is the floor the course's servers are measured against.
 */
@ServerEndpoint("/ws")
public final class RoomEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every room of the process; one endpoint instance per connection shares it. */
    private static final Map<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

    private String user = "anonymous";

    /** @param session the new connection; its {@code ?user=} names it */
    @OnOpen
    public void open(Session session) {
        // As the course's servers do (kit EmbeddedContainer): with the default of 0, Tyrus 2.2.2 still schedules a
        // do-nothing idle-timeout task for every message; -1 schedules none. Without it the reference would pay a
        // cost the lessons do not, and every ratio would flatter them.
        session.setMaxIdleTimeout(-1);
        var users = session.getRequestParameterMap().get("user");
        if (users != null && !users.isEmpty()) {
            user = users.get(0);
        }
    }

    /**
     * Joins or publishes; anything else is ignored.
     *
     * @param text    one JSON frame
     * @param session the sender
     * @throws Exception if the frame is not JSON (Tyrus then closes the session)
     */
    @OnMessage
    public void message(String text, Session session) throws Exception {
        JsonNode frame = JSON.readTree(text);
        String room = frame.path("room").asText();
        switch (frame.path("type").asText()) {
            case "join" -> ROOMS.computeIfAbsent(room, name -> ConcurrentHashMap.newKeySet()).add(session);
            case "publish" -> {
                String message = "{\"type\":\"message\",\"room\":" + JSON.writeValueAsString(room) + ",\"from\":"
                        + JSON.writeValueAsString(user) + ",\"data\":" + frame.path("data") + "}";
                boolean excludeSelf = frame.path("exclude_self").asBoolean(false);
                for (Session member : ROOMS.getOrDefault(room, Set.of())) {
                    if (!(excludeSelf && member == session) && member.isOpen()) {
                        member.getAsyncRemote().sendText(message);
                    }
                }
            }
            default -> {
                // not part of the benchmark's protocol
            }
        }
    }

    /** @param session the connection that closed; it leaves every room */
    @OnClose
    public void close(Session session) {
        ROOMS.values().forEach(members -> members.remove(session));
    }
}
