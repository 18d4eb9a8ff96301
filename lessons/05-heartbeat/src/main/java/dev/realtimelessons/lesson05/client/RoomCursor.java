package dev.realtimelessons.lesson05.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson03.RoomRequest;

/**
 * Where a client stands in one room: the last {@code seq} it delivered, and the epoch that number belongs to. It
 * decides what a rejoin asks for and which room {@code message}s reach the application, so that each is delivered
 * once, in {@code seq} order, across any number of reconnects; and it tells the application when that could not
 * be kept.
 *
 * <p>Its caller, {@link RoomFeed}, holds back the messages that arrive while a join waits for its ack and hands
 * them over with the ack, in {@code seq} order; at any other time it asks {@link #admit} message by message.
 *
 * <p>Confined to the client's thread, except {@link #lastSeq()} and {@link #epoch()}, which any thread may read.
 */
final class RoomCursor {

    /**
     * What a join's ack decided.
     *
     * @param deliver  the messages to deliver, in order
     * @param recovery the outcome to report, for a join that resumed (its ack carries {@code recovered}); empty
     *                 for a first join
     */
    record Acked(List<JsonNode> deliver, Optional<Recovery> recovery) {
    }

    private final String room;
    private volatile long lastSeq;
    private volatile String epoch;
    private boolean positioned;

    /**
     * Creates the cursor of a room not joined yet: nothing delivered, no epoch known.
     *
     * @param room the room's name
     */
    RoomCursor(String room) {
        this.room = Objects.requireNonNull(room, "room");
    }

    /**
     * Creates the cursor of a room at a known position, for example one the application saved before it was
     * restarted: the next join resumes from it.
     *
     * @param room    the room's name
     * @param lastSeq the {@code seq} of the last message delivered, 0 or more
     * @param epoch   the epoch it belongs to, or null if the server sends none
     */
    RoomCursor(String room, long lastSeq, String epoch) {
        this(room);
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must be 0 or more, was " + lastSeq);
        }
        this.lastSeq = lastSeq;
        this.epoch = epoch;
        this.positioned = true;
    }

    /**
     * The room.
     *
     * @return its name
     */
    String room() {
        return room;
    }

    /**
     * The {@code seq} of the last message delivered, or the ack's, whichever is later.
     *
     * @return the seq, 0 before the first
     */
    long lastSeq() {
        return lastSeq;
    }

    /**
     * The epoch {@link #lastSeq()} belongs to.
     *
     * @return the epoch, or null before the first ack (or if the server sends none)
     */
    String epoch() {
        return epoch;
    }

    /**
     * Whether a join of this room has been acknowledged, so that {@link #lastSeq()} means something and the next
     * join resumes from it.
     *
     * @return true after the first ack
     */
    boolean positioned() {
        return positioned;
    }

    /**
     * Step 5: the {@code join} to send, now or after a reconnect: {@code type} and {@code room}; once a join has
     * been acknowledged, also {@code since} (the last {@code seq}) and {@code epoch} (if known), so that the server
     * replays only what was missed. Changes nothing.
     *
     * @return the request, without an {@code id}
     */
    RoomRequest.Join joinRequest() {
        throw new TodoException("Step 5: build the join to send: type and room, plus since and epoch once the cursor"
                + " has a position (see README, step 5)");
    }

    /**
     * Step 5: whether a room message is news. A message whose {@code seq} is above {@link #lastSeq()} is, and its
     * {@code seq} becomes the last one; one at or below it is a repeat, and changes nothing. A message without an
     * integral {@code seq} cannot be checked: it is delivered as it is.
     *
     * @param message a room {@code message}
     * @return true to deliver it, false to drop it
     */
    boolean admit(JsonNode message) {
        throw new TodoException("Step 5: deliver a message whose seq is above lastSeq and move lastSeq to it;"
                + " drop a repeat; let a message without a seq through (see README, step 5)");
    }

    /**
     * Step 6: a join's ack arrived, with the messages held back since the join was sent.
     *
     * <ol>
     *   <li>If the cursor was positioned and the ack's {@code epoch} differs from {@link #epoch()}, or the ack's
     *       {@code seq} is below {@link #lastSeq()}, the room's numbering started again (the server lost its
     *       history): {@link #lastSeq()} goes back to 0. The ack's {@code epoch} becomes the cursor's.</li>
     *   <li>The held-back messages that {@link #admit} lets through are delivered, in the order given.</li>
     *   <li>{@link #lastSeq()} becomes at least the ack's {@code seq} (when it has one): what the server did not
     *       replay will not come. The cursor is positioned.</li>
     *   <li>If the ack carries {@code recovered} (the join resumed), the outcome is reported: the room, whether
     *       the server recovered everything after {@code since}, how many messages were delivered, and the epoch.
     *       False tells the application that messages may be missing: it must reload the room.</li>
     * </ol>
     *
     * @param ack      the ack: {@code seq}, and {@code epoch} and {@code recovered} when the server sends them
     * @param buffered the messages held back, in {@code seq} order (those without one first)
     * @return what to deliver, and what to report
     */
    Acked acknowledged(JsonNode ack, List<JsonNode> buffered) {
        throw new TodoException("Step 6: start the numbering again on a new epoch, deliver what admit lets"
                + " through, move to the ack's seq, and report the Recovery of a resumed join (see README, step 6)");
    }
}
