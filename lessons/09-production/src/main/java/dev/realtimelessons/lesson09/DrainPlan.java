package dev.realtimelessons.lesson09;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.realtimelessons.kit.TodoException;

/**
 * How a stopping server moves its clients away: in batches spread evenly over the drain window, each client told
 * when to come back ("full jitter" within its batch's slice of the window), so that the other servers see the
 * reconnections arrive as a trickle over the whole window instead of all at once.
 *
 * <p>Each client is closed with {@value #CLOSE_CODE} (RFC 6455's "service restart": come back, this server or
 * another) and a reason {@code reconnect after <n> ms} ({@link #reason(Duration)}): the course's clients wait that
 * long, instead of their own backoff, before they reconnect.
 *
 * <p>Pure logic: no clock, no thread; the randomness comes from the caller.
 */
public final class DrainPlan {

    /** RFC 6455's "service restart": the server is restarting; reconnect, here or elsewhere. */
    public static final int CLOSE_CODE = 1012;

    /** What a close reason may hold: 125 bytes of control frame payload, 2 of them the code. */
    public static final int MAX_REASON_BYTES = 123;

    /**
     * One batch: the connections closed together.
     *
     * @param at    when, from the start of the drain: batch {@code i} of {@code n} at {@code window * i / n}
     * @param moves the connections, each with its reconnect hint
     */
    public record Batch(Duration at, List<Move> moves) {
        /** Copies the moves. */
        public Batch {
            Objects.requireNonNull(at, "at");
            moves = List.copyOf(moves);
        }
    }

    /**
     * One connection moved away.
     *
     * @param id   the connection's id (a WebSocket connection's, or an event stream's)
     * @param hint how long its client should wait before reconnecting, within its batch's slice
     */
    public record Move(String id, Duration hint) {
        /** Checks the arguments. */
        public Move {
            Objects.requireNonNull(id, "id");
            if (hint.isNegative()) {
                throw new IllegalArgumentException("a hint cannot be negative, was " + hint);
            }
        }

        /** @return the close reason that carries the hint: {@code reconnect after <n> ms} */
        public String reason() {
            return DrainPlan.reason(hint);
        }
    }

    private DrainPlan() {
    }

    /**
     * Step 1: plans a drain.
     *
     * <ul>
     *   <li>The window is cut into {@code batches} equal slices of {@code window / batches} (whole milliseconds,
     *       rounded down); batch {@code i} (from 0) closes at the start of slice {@code i}: the first at once.</li>
     *   <li>Connection {@code k} of {@code n} (in the order given) goes to batch {@code k * batches / n}: every
     *       connection exactly once, the batches' sizes differing by at most one, and fewer connections than
     *       batches spread over the window rather than all in the first batches.</li>
     *   <li>Each connection's hint is drawn uniformly from {@code [0, slice)} ("full jitter"): its client comes back
     *       before the next batch closes, and the reconnections spread over the whole window. A slice of 0 ms (a
     *       window of 0) gives every hint 0.</li>
     *   <li>Only the batches that hold a connection are returned, in time order: no connections, no batches.</li>
     * </ul>
     *
     * @param ids     the connections to move, each once
     * @param window  how long the drain may take, 0 or more
     * @param batches in how many batches, at least 1
     * @param random  draws the hints
     * @return the non-empty batches, earliest first
     * @throws IllegalArgumentException if the window is negative or there is no batch
     */
    public static List<Batch> plan(List<String> ids, Duration window, int batches, RandomGenerator random) {
        throw new TodoException("Step 1: cut the window into equal slices, put connection k in batch k * batches / n,"
                + " give each a random hint within its slice, and return the non-empty batches (see README, step 1)");
    }

    /**
     * The close reason that carries a reconnect hint, well within {@value #MAX_REASON_BYTES} bytes.
     *
     * @param hint how long to wait
     * @return {@code reconnect after <n> ms}, for example {@code reconnect after 1234 ms}
     */
    public static String reason(Duration hint) {
        throw new TodoException("Step 1: write the hint as the close reason 'reconnect after <n> ms' (see README, "
                + "step 1)");
    }
}
