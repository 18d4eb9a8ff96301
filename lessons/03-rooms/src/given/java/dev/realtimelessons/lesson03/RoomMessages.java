package dev.realtimelessons.lesson03;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.realtimelessons.lesson02.protocol.Messages;

/**
 * The room messages of the protocol (see PROTOCOL.md), one method each.
 */
public final class RoomMessages {

    private RoomMessages() {
    }

    /**
     * A message published to a room.
     *
     * @param room the room
     * @param from the sender's user
     * @param data the payload
     * @param seq  its sequence number in the room
     * @return {@code message}
     */
    public static ObjectNode message(String room, String from, JsonNode data, long seq) {
        ObjectNode message = Messages.of("message").put("room", room).put("from", from);
        message.set("data", data);
        return message.put("seq", seq).put("ts", Instant.now().toEpochMilli());
    }

    /**
     * The members of a room, sent to a connection that joins.
     *
     * @param room  the room
     * @param users each user once, sorted
     * @return {@code members}
     */
    public static ObjectNode members(String room, List<String> users) {
        ObjectNode message = Messages.of("members").put("room", room);
        users.forEach(message.putArray("users")::add);
        return message;
    }

    /**
     * A presence change.
     *
     * @param joined true for {@code joined}, false for {@code left}
     * @param room   the room
     * @param user   the user
     * @return {@code joined} or {@code left}
     */
    public static ObjectNode presence(boolean joined, String room, String user) {
        return Messages.of(joined ? "joined" : "left").put("room", room).put("user", user);
    }

    /**
     * A typing indicator.
     *
     * @param room   the room
     * @param user   who types
     * @param active true when they type, false when they stopped
     * @return {@code typing}
     */
    public static ObjectNode typing(String room, String user, boolean active) {
        return Messages.of("typing").put("room", room).put("user", user).put("active", active);
    }
}
