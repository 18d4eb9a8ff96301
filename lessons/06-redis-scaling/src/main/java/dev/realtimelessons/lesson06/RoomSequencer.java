package dev.realtimelessons.lesson06;

import java.util.List;

import dev.realtimelessons.kit.TodoException;

/**
 * Where this server stands in one room of the cluster: the {@code seq} of the last message it delivered to its
 * local members. Pub/sub delivers at most once and, between servers, in no promised order; the room's stream
 * holds every message. With both, the sequencer delivers each message once and in {@code seq} order: it drops
 * what it has delivered, and fills a gap from the stream before going on.
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
     * Step 1: a numbered message arrived (published here, or received from the broker).
     *
     * @param message the message
     * @return what to deliver now, in {@code seq} order: nothing if it was delivered already; the message alone if
     *         it is the next one; the kept messages of a gap, then the message, if it overtook some
     */
    public List<Numbered> accept(Numbered message) {
        throw new TodoException("Step 1: drop a seq already delivered, fill a gap from the stream (gaps.between), "
                + "then deliver the message and remember its seq (see README, step 1)");
    }

    /**
     * Step 1: the room's numbering reached {@code latestSeq} while this server heard nothing (the broker was away):
     * what was missed.
     *
     * @param latestSeq the room's latest {@code seq}, read from Redis
     * @return the kept messages after {@link #lastSeq()} up to {@code latestSeq}, in order
     */
    public List<Numbered> catchUp(long latestSeq) {
        throw new TodoException("Step 1: deliver the kept messages after lastSeq up to latestSeq, in order, and "
                + "go on from latestSeq (see README, step 1)");
    }
}
