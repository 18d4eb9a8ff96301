package dev.realtimelessons.lesson07;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson03.RoomMessage;

/**
 * A row of the {@code messages} table: a message as the database keeps it, in its latest version.
 *
 * @param room        the room
 * @param seq         its number in the room
 * @param author      who sent it
 * @param clientMsgId the sender's id for it, or null
 * @param data        the payload in its latest version; null once deleted
 * @param sentAt      when it was stored
 * @param version     1, then one more for each edit and for the delete
 * @param editedAt    when it was last edited, or null
 * @param deletedAt   when it was deleted, or null
 */
public record StoredMessage(String room, long seq, String author, String clientMsgId, JsonNode data, Instant sentAt,
                            int version, Instant editedAt, Instant deletedAt) {

    /** @return true once deleted: a tombstone */
    public boolean deleted() {
        return deletedAt != null;
    }

    /**
     * The message as the protocol sends it, in its latest version: a never-changed message as lessons 03 to 06 do;
     * an edited one with {@code version} and {@code edited_at}; a deleted one with {@code data: null} and
     * {@code deleted: true}.
     *
     * @return the {@code message}
     */
    public RoomMessage toRoomMessage() {
        return new RoomMessage(room, author, data, seq, sentAt.toEpochMilli(), null,
                version > 1 ? version : null, editedAt == null ? null : editedAt.toEpochMilli(),
                deleted() ? Boolean.TRUE : null);
    }
}
