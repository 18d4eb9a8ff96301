package dev.realtimelessons.lesson05.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a client stands in one room: the last {@code seq} it delivered and the epoch that number belongs to. It
 * decides which room {@code message}s reach the application, so that each is delivered once, in {@code seq}
 * order, across any number of reconnects.
 *
 * <p>The rules:
 * <ol>
 *   <li><b>Live.</b> While no join of the room is waiting for its ack, a message is delivered if its {@code seq}
 *       is above {@code lastSeq}, which then becomes its {@code seq}. Anything else is a duplicate and dropped.
 *       (A message without a numeric {@code seq} cannot be checked and is delivered as it is.)</li>
 *   <li><b>Joining.</b> From sending a {@code join} to its ack, messages are buffered, not delivered: whether
 *       they are news or repeats depends on the ack. The history a join brings and the live messages that
 *       overtake its ack all land in the buffer.</li>
 *   <li><b>The ack.</b> If its epoch differs from the one of the previous ack, or its {@code seq} is below
 *       {@code lastSeq}, the room's numbering started again (the server lost its history, for example in a
 *       restart): {@code lastSeq} goes back to 0. Then the buffer is delivered in {@code seq} order by the live
 *       rule, and {@code lastSeq} becomes at least the ack's {@code seq}: what the server did not send (older
 *       than its history) will not come. This covers every case: a resume that recovered (the buffer holds
 *       exactly the missed messages), one that did not (the buffer holds the recent history, delivered whole
 *       in a new epoch), and a fresh join (its history, minus what was already delivered).</li>
 *   <li><b>A failed join</b> (an {@code error} or no answer in time) stops the buffering: the buffer is
 *       delivered by the live rule. <b>A lost connection</b> drops the buffer: the next join brings it again,
 *       and delivering it now, before the ack says which epoch it belongs to, could deliver it twice.</li>
 * </ol>
 *
 * <p>Confined to the client's thread, except {@link #lastSeq()} and {@link #epoch()}, which any thread may read.
 */
final class RoomCursor {

    /** What a join's ack decided. */
    record Joined(List<JsonNode> deliver, boolean recovered) {
    }

    private static final Comparator<JsonNode> BY_SEQ =
            Comparator.comparingLong(message -> message.get("seq").asLong());

    private final String room;
    private final List<JsonNode> buffer = new ArrayList<>();
    private volatile long lastSeq;
    private volatile String epoch;
    private boolean positioned;
    private int joinsInFlight;

    /**
     * Creates the cursor of a room not joined yet: nothing delivered, no epoch known.
     *
     * @param room the room's name
     */
    RoomCursor(String room) {
        this.room = room;
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
     * The {@code seq} of the last message delivered.
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
     * Builds the next {@code join} and starts buffering until its ack. Once a join has been acknowledged the
     * request carries {@code since} (and {@code epoch}, if known) so that the server replays only what was
     * missed.
     *
     * @return the request, without an {@code id}
     */
    ObjectNode joinRequest() {
        ObjectNode join = JsonNodeFactory.instance.objectNode().put("type", "join").put("room", room);
        if (positioned) {
            join.put("since", lastSeq);
            if (epoch != null) {
                join.put("epoch", epoch);
            }
        }
        joinsInFlight++;
        return join;
    }

    /**
     * A room {@code message} arrived.
     *
     * @param message the message
     * @return what to deliver now: the message, or nothing (a duplicate, or buffered until a join's ack)
     */
    List<JsonNode> onMessage(JsonNode message) {
        if (joinsInFlight > 0) {
            buffer.add(message);
            return List.of();
        }
        return admit(message) ? List.of(message) : List.of();
    }

    /**
     * A join's ack arrived.
     *
     * @param ack      the ack, with the room's {@code seq}, and {@code epoch} and {@code recovered} if the server
     *                 sends them
     * @param resuming whether the join carried {@code since}
     * @return the messages to deliver, in order, and whether the server recovered everything after
     *         {@code since} (false if the join was not resuming or the server did not say)
     */
    Joined onJoinAck(JsonNode ack, boolean resuming) {
        joinsInFlight = Math.max(0, joinsInFlight - 1);
        String ackEpoch = ack.hasNonNull("epoch") ? ack.get("epoch").asText() : null;
        long ackSeq = ack.path("seq").isIntegralNumber() ? ack.get("seq").asLong() : -1;
        boolean epochChanged = positioned && !Objects.equals(ackEpoch, epoch);
        boolean seqWentBack = ackSeq >= 0 && ackSeq < lastSeq;
        if (epochChanged || seqWentBack) {
            lastSeq = 0; // a new numbering: the old lastSeq says nothing about the new numbers
        }
        epoch = ackEpoch;
        List<JsonNode> deliver = drain();
        lastSeq = Math.max(lastSeq, ackSeq);
        positioned = true;
        return new Joined(deliver, resuming && ack.path("recovered").asBoolean(false));
    }

    /**
     * A join was refused or timed out: stop buffering for it.
     *
     * @return the messages to deliver, in order, by the live rule
     */
    List<JsonNode> onJoinFailed() {
        joinsInFlight = Math.max(0, joinsInFlight - 1);
        return joinsInFlight == 0 ? drain() : List.of();
    }

    /** The connection was lost: forget the joins in flight and what they buffered. */
    void onConnectionLost() {
        joinsInFlight = 0;
        buffer.clear();
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

    private List<JsonNode> drain() {
        List<JsonNode> numbered = new ArrayList<>();
        List<JsonNode> deliver = new ArrayList<>();
        for (JsonNode message : buffer) {
            if (hasSeq(message)) {
                numbered.add(message);
            } else {
                deliver.add(message); // cannot be ordered or checked: as it is, as rule 1 says
            }
        }
        buffer.clear();
        numbered.sort(BY_SEQ); // a stable sort: of two copies of one seq, the first is kept
        for (JsonNode message : numbered) {
            if (admit(message)) {
                deliver.add(message);
            }
        }
        return deliver;
    }

    private boolean admit(JsonNode message) {
        if (!hasSeq(message)) {
            return true;
        }
        long seq = message.get("seq").asLong();
        if (seq <= lastSeq) {
            return false;
        }
        lastSeq = seq;
        return true;
    }

    private static boolean hasSeq(JsonNode message) {
        return message.path("seq").isIntegralNumber();
    }
}
