package dev.realtimelessons.lesson05.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson03.RoomRequest;

/**
 * The room messages of one room on their way to the application: a {@link RoomCursor} that decides, and a buffer
 * for what arrives while a join waits for its ack.
 *
 * <p>Why the buffer: from sending a {@code join} to its ack, whether a message is news or a repeat depends on the
 * ack (a new epoch starts the numbering again). So the history a join brings, and the live messages that overtake
 * its ack, are held back and handed to the cursor with the ack, in {@code seq} order. A failed join (an
 * {@code error}, or no answer in time) lets the buffer through by the live rule. A lost connection drops it: the
 * next join brings it again, and delivering it before an ack says which epoch it belongs to could deliver it
 * twice.
 *
 * <p>Confined to the client's thread; {@link #cursor()} may be read from any thread.
 */
final class RoomFeed {

    /** By {@code seq}; a message without one cannot be placed and goes first. The sort is stable. */
    private static final Comparator<JsonNode> BY_SEQ = Comparator.comparingLong(message ->
            message.path("seq").isIntegralNumber() ? message.get("seq").asLong() : Long.MIN_VALUE);

    private final RoomCursor cursor;
    private final List<JsonNode> buffer = new ArrayList<>();
    private int joinsInFlight;

    /**
     * Creates the feed of a room not joined yet.
     *
     * @param room the room's name
     */
    RoomFeed(String room) {
        this.cursor = new RoomCursor(room);
    }

    /**
     * The room's cursor.
     *
     * @return the cursor
     */
    RoomCursor cursor() {
        return cursor;
    }

    /**
     * Builds the next {@code join} and holds the room's messages back until its ack.
     *
     * @return the request, without an {@code id}
     */
    RoomRequest.Join joinRequest() {
        RoomRequest.Join join = cursor.joinRequest();
        joinsInFlight++;
        return join;
    }

    /**
     * A room {@code message} arrived.
     *
     * @param message the message
     * @return what to deliver now: the message, or nothing (a repeat, or held back until a join's ack)
     */
    List<JsonNode> message(JsonNode message) {
        if (joinsInFlight > 0) {
            buffer.add(message);
            return List.of();
        }
        return cursor.admit(message) ? List.of(message) : List.of();
    }

    /**
     * A join's ack arrived: the cursor decides, with everything held back.
     *
     * @param ack the ack
     * @return the cursor's decision
     */
    RoomCursor.Acked acknowledged(JsonNode ack) {
        joinsInFlight = Math.max(0, joinsInFlight - 1);
        return cursor.acknowledged(ack, drain());
    }

    /**
     * A join was refused or timed out: once no other join waits, let what was held back through.
     *
     * @return what to deliver, in order
     */
    List<JsonNode> joinFailed() {
        joinsInFlight = Math.max(0, joinsInFlight - 1);
        if (joinsInFlight > 0) {
            return List.of();
        }
        List<JsonNode> deliver = new ArrayList<>();
        for (JsonNode message : drain()) {
            if (cursor.admit(message)) {
                deliver.add(message);
            }
        }
        return deliver;
    }

    /** The connection was lost: forget the joins in flight and what they held back. */
    void connectionLost() {
        joinsInFlight = 0;
        buffer.clear();
    }

    private List<JsonNode> drain() {
        List<JsonNode> held = new ArrayList<>(buffer);
        buffer.clear();
        held.sort(BY_SEQ);
        return held;
    }
}
