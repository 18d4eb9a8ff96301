package dev.realtimelessons.lesson06;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where this server stands in one room of the cluster: the {@code seq} of the last message it delivered to its
 * local members. Pub/sub delivers at most once and, between servers, in no promised order; the room's stream
 * holds every message. With both, the sequencer delivers each message once and in {@code seq} order: it drops
 * what it has delivered, and fills a gap from the stream before going on. When the stream no longer keeps all of a
 * gap, it says so ({@link #hasHole()}), so that the members are never left with a silent gap.
 *
 * <p>Not thread-safe: one room's sequencer is used only by the room's worker.
 */
public final class RoomSequencer {

    /**
     * A numbered room message, ready to send.
     *
     * @param seq              its {@code seq}
     * @param text             the message, serialized
     * @param exceptConnection a local connection not to send it to (the publisher's, with {@code exclude_self}),
     *                         or null
     */
    public record Numbered(long seq, String text, String exceptConnection) {
    }

    /** Reads the messages the room's stream still keeps in a range. */
    @FunctionalInterface
    public interface Gaps {
        /**
         * Reads kept messages.
         *
         * @param after  the range's start, excluded
         * @param before the range's end, excluded
         * @return the kept messages with {@code after < seq < before}, in any order; those trimmed away are missing
         */
        List<Numbered> between(long after, long before);
    }

    private final String epoch;
    private final Gaps gaps;
    private long lastSeq;
    private boolean hole;

    /**
     * Creates the sequencer of a room that this server starts delivering.
     *
     * @param epoch   the epoch of the room's numbering
     * @param lastSeq the {@code seq} its members have: what the first join's replay ended with
     * @param gaps    reads the room's stream
     */
    public RoomSequencer(String epoch, long lastSeq, Gaps gaps) {
        this.epoch = epoch;
        this.lastSeq = lastSeq;
        this.gaps = gaps;
    }

    /** @return the epoch the numbers belong to */
    public String epoch() {
        return epoch;
    }

    /** @return the {@code seq} of the last message delivered */
    public long lastSeq() {
        return lastSeq;
    }

    /**
     * @return true once a gap could not be filled in full: the stream no longer keeps messages this server's members
     *         missed, so they will never get them here (they must rejoin and learn {@code recovered: false})
     */
    public boolean hasHole() {
        return hole;
    }

    /**
     * Step 3: a numbered message arrived (published here, or received from the broker).
     *
     * @param message the message
     * @return what to deliver now, in {@code seq} order: nothing if it was delivered already; the message alone if
     *         it is the next one, without reading the stream; if it overtook others, the kept messages of the gap
     *         (read from the stream), then the message. A gap the stream no longer keeps in full marks a hole
     *         ({@link #hasHole()}).
     */
    // tag::accept[]
    public List<Numbered> accept(Numbered message) {
        if (message.seq() <= lastSeq) {
            return List.of(); // delivered already: a gap fill brought it, or the broker repeated it
        }
        List<Numbered> deliver = new ArrayList<>();
        if (message.seq() > lastSeq + 1) {
            deliver.addAll(fill(message.seq())); // it overtook others: the stream has them
        }
        deliver.add(message);
        lastSeq = message.seq();
        return deliver;
    }
    // end::accept[]

    /**
     * Step 3: the room's numbering reached {@code latestSeq} while this server heard nothing (the broker was away):
     * what was missed.
     *
     * @param latestSeq the room's latest {@code seq}, read from Redis
     * @return the kept messages after {@link #lastSeq()} up to {@code latestSeq}, in order; from then on the
     *         sequencer stands at {@code latestSeq}, even if the stream no longer keeps some of them (a hole)
     */
    public List<Numbered> catchUp(long latestSeq) {
        if (latestSeq <= lastSeq) {
            return List.of();
        }
        List<Numbered> deliver = fill(latestSeq + 1);
        lastSeq = latestSeq; // what the stream no longer keeps will not come: go on from the newest
        return deliver;
    }

    // tag::fill[]
    private List<Numbered> fill(long before) {
        List<Numbered> kept = new ArrayList<>();
        for (Numbered old : gaps.between(lastSeq, before)) {
            if (old.seq() > lastSeq && old.seq() < before) {
                kept.add(old);
            }
        }
        kept.sort(Comparator.comparingLong(Numbered::seq));
        if (kept.size() < before - lastSeq - 1) {
            hole = true; // trimmed away, or expired: never a silent gap
        }
        if (!kept.isEmpty()) {
            lastSeq = kept.get(kept.size() - 1).seq();
        }
        return kept;
    }
    // end::fill[]
}
