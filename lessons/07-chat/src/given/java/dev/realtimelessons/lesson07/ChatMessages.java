package dev.realtimelessons.lesson07;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ServerMessage;
import dev.realtimelessons.lesson03.RoomMessage;

/**
 * Lesson 07's server messages, one record each, as PROTOCOL.md lists them.
 */
public final class ChatMessages {

    private ChatMessages() {
    }

    /**
     * A message was edited: every member shows its new data, marked "(edited)".
     *
     * @param room     the room
     * @param seq      the message
     * @param from     its author
     * @param data     its new payload
     * @param version  its version now
     * @param editedAt when, in milliseconds since the epoch
     */
    @JsonTypeName("message_updated")
    public record MessageUpdated(String room, long seq, String from, JsonNode data, int version, long editedAt)
            implements ServerMessage {
        /** @param message the edited message */
        public MessageUpdated(StoredMessage message) {
            this(message.room(), message.seq(), message.author(), message.data(), message.version(),
                    message.editedAt().toEpochMilli());
        }
    }

    /**
     * A message was deleted: every member shows "message deleted" in its place.
     *
     * @param room      the room
     * @param seq       the message
     * @param version   its version now
     * @param deletedAt when, in milliseconds since the epoch
     */
    @JsonTypeName("message_deleted")
    public record MessageDeleted(String room, long seq, int version, long deletedAt) implements ServerMessage {
        /** @param tombstone the deleted message */
        public MessageDeleted(StoredMessage tombstone) {
            this(tombstone.room(), tombstone.seq(), tombstone.version(), tombstone.deletedAt().toEpochMilli());
        }
    }

    /**
     * A user has read a room up to a message: the others show read ticks.
     *
     * @param room the room
     * @param user who read
     * @param seq  up to which message
     */
    @JsonTypeName("read")
    public record Read(String room, String user, long seq) implements ServerMessage {
    }

    /**
     * The {@code ack} of an {@code edit} or a {@code delete}.
     *
     * @param room    the room
     * @param seq     the message
     * @param version its version now
     */
    @JsonTypeName("ack")
    public record Changed(String room, long seq, int version) implements ServerMessage {
    }

    /**
     * The {@code ack} of a {@code sync}: a page of the room's messages, in their latest versions.
     *
     * @param room     the room
     * @param messages the messages after the cursor, oldest first; deleted ones as tombstones
     * @param next     the cursor for the next page: the last {@code seq} of this one, or the request's
     *                 {@code after} when the page is empty
     * @param more     whether the room has messages after {@code next}
     */
    @JsonTypeName("ack")
    public record SyncPage(String room, List<RoomMessage> messages, long next, boolean more) implements ServerMessage {
    }

    /**
     * The {@code ack} of a {@code join}: lesson 05's, with how many messages of others the user has not read.
     *
     * @param room      the room
     * @param seq       where the replay ends
     * @param epoch     the room's epoch
     * @param recovered lesson 05: whether a resume got every message it missed; null for a plain join
     * @param unread    messages of others after the user's last {@code read}, deleted ones left out
     */
    @JsonTypeName("ack")
    public record JoinAck(String room, long seq, String epoch,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean recovered, long unread)
            implements ServerMessage {
    }
}
