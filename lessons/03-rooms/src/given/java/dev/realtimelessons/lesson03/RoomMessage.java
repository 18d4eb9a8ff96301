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
 * @param history true on a message replayed to a joiner; null (left out) on a live one
 */
@JsonTypeName("message")
public record RoomMessage(String room, String from, JsonNode data, @JsonInclude(JsonInclude.Include.ALWAYS) Long seq,
                          long ts, Boolean history) implements ServerMessage {

    /** @return this message as a joiner's history gets it, with {@code history: true} */
    public RoomMessage asHistory() {
        return new RoomMessage(room, from, data, seq, ts, true);
    }
}
