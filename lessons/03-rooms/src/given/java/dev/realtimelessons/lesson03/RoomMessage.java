package dev.realtimelessons.lesson03;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * A message published to a room: what members get live, and what a history keeps. Immutable, so one instance is
 * shared by the history and every send; a joiner's copy marked {@code history: true} is a new record
 * ({@link #asHistory}), never a change to the kept one.
 *
 * @param room    the room
 * @param from    the sender's user
 * @param data    the payload, passed on untouched
 * @param seq     its sequence number in the room; null (written {@code "seq": null}) for a message that lesson 06
 *                could deliver on this server only, numbered by nobody
 * @param ts      when the server numbered it, in milliseconds since the epoch
 * @param history  true on a message replayed to a joiner; null (left out) on a live one
 * @param version  lesson 07: 2 and more once the message was edited or deleted; null (left out) before
 * @param editedAt lesson 07: when it was last edited, in milliseconds since the epoch; null if never
 * @param deleted  lesson 07: true once deleted, with {@code "data": null} (a tombstone); null otherwise
 */
@JsonTypeName("message")
public record RoomMessage(String room, String from, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode data,
                          @JsonInclude(JsonInclude.Include.ALWAYS) Long seq,
                          long ts, Boolean history, Integer version, Long editedAt, Boolean deleted)
        implements ServerMessage {

    /**
     * A message as lessons 03 to 06 know it: never edited.
     *
     * @param room    the room
     * @param from    the sender's user
     * @param data    the payload
     * @param seq     its sequence number, or null
     * @param ts      when it was numbered
     * @param history true on a replayed message, else null
     */
    public RoomMessage(String room, String from, JsonNode data, Long seq, long ts, Boolean history) {
        this(room, from, data, seq, ts, history, null, null, null);
    }

    /** @return this message as a joiner's history gets it, with {@code history: true} */
    public RoomMessage asHistory() {
        return new RoomMessage(room, from, data, seq, ts, true, version, editedAt, deleted);
    }
}
