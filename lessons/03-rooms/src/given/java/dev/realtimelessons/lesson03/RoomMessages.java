package dev.realtimelessons.lesson03;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * The room messages of the protocol (see PROTOCOL.md), one record each; the published message itself is
 * {@link RoomMessage}.
 */
public final class RoomMessages {

    private RoomMessages() {
    }

    /**
     * A message published to a room, stamped now.
     *
     * @param room the room
     * @param from the sender's user
     * @param data the payload
     * @param seq  its sequence number in the room
     * @return {@code message}
     */
    public static RoomMessage message(String room, String from, JsonNode data, long seq) {
        return new RoomMessage(room, from, data, seq, Instant.now().toEpochMilli(), null);
    }

    /**
     * The members of a room, sent to a connection that joins.
     *
     * @param room  the room
     * @param users each user once, sorted
     */
    @JsonTypeName("members")
    public record Members(String room, List<String> users) implements ServerMessage {
    }

    /**
     * A user's first connection joined a room.
     *
     * @param room the room
     * @param user the user
     */
    @JsonTypeName("joined")
    public record Joined(String room, String user) implements ServerMessage {
    }

    /**
     * A user's last connection left a room.
     *
     * @param room the room
     * @param user the user
     */
    @JsonTypeName("left")
    public record Left(String room, String user) implements ServerMessage {
    }

    /**
     * A presence change.
     *
     * @param joined true for {@code joined}, false for {@code left}
     * @param room   the room
     * @param user   the user
     * @return {@code joined} or {@code left}
     */
    public static ServerMessage presence(boolean joined, String room, String user) {
        return joined ? new Joined(room, user) : new Left(room, user);
    }

    /**
     * A typing indicator.
     *
     * @param room   the room
     * @param user   who types
     * @param active true when they type, false when they stopped
     */
    @JsonTypeName("typing")
    public record Typing(String room, String user, boolean active) implements ServerMessage {
    }

    /**
     * The {@code ack} of a {@code join}.
     *
     * @param room      the room
     * @param seq       the room's latest sequence number: the joiner gets every later message live
     * @param epoch     lesson 05: the epoch of the room's numbering; null (left out) before
     * @param recovered lesson 05: for a join that resumes, whether every missed message was replayed; null (left
     *                  out) for a plain join
     */
    @JsonTypeName("ack")
    public record JoinAck(String room, long seq, String epoch, Boolean recovered) implements ServerMessage {
        /**
         * @param seq a lower sequence number, for a joiner that gets the messages after it live
         * @return this ack with that number
         */
        public JoinAck withSeq(long seq) {
            return new JoinAck(room, seq, epoch, recovered);
        }
    }

    /**
     * The {@code ack} of a {@code publish}.
     *
     * @param room the room
     * @param seq  the message's sequence number; null (written {@code "seq": null}) as in {@link RoomMessage}
     */
    @JsonTypeName("ack")
    public record PublishAck(String room, @JsonInclude(JsonInclude.Include.ALWAYS) Long seq)
            implements ServerMessage {
    }
}
