package dev.realtimelessons.lesson08;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.realtimelessons.kit.TodoException;

/**
 * How many event streams a server holds at once, in total and per user: admission control for the SSE transport,
 * as lesson 04's {@code ConnectionLimits} is for WebSocket. A stream takes a {@link Slot} before it is answered, and
 * gives it back, once, when it ends. A limit of 0 is no limit.
 *
 * <p>Thread-safe: the counts change under this object's lock, so a check and its increment are one step; nothing
 * else runs under it.
 */
public final class StreamLimits {

    private final int maxStreams;
    private final int maxPerUser;
    private final Duration retryAfter;
    private int open;
    private final Map<String, Integer> perUser = new HashMap<>();

    /**
     * @param maxStreams streams in total; 0 for no limit
     * @param maxPerUser streams of one user; 0 for no limit
     * @param retryAfter what a refusal's {@code Retry-After} says, at least 1 s
     */
    public StreamLimits(int maxStreams, int maxPerUser, Duration retryAfter) {
        if (maxStreams < 0 || maxPerUser < 0 || retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("limits must be 0 or more, and retryAfter at least 1 s");
        }
        this.maxStreams = maxStreams;
        this.maxPerUser = maxPerUser;
        this.retryAfter = retryAfter;
    }

    /** One stream's place; {@link #close} gives it back, once. */
    public final class Slot implements AutoCloseable {
        private final String user;
        private boolean released;

        private Slot(String user) {
            this.user = user;
        }

        @Override
        public void close() {
            release(this);
        }
    }

    /**
     * Step 4: takes a place for a stream of {@code user}, or refuses it.
     * <ul>
     *   <li>at the total: 503, {@code server_full} (this server is full; another may not be);</li>
     *   <li>at the user's limit: 429, {@code too_many_streams_per_user} (close a tab first).</li>
     * </ul>
     * Both refusals carry {@code retryAfter}. A refused stream holds nothing.
     *
     * @param user the stream's user
     * @return the place
     * @throws Refused if a limit is reached
     */
    public synchronized Slot admit(String user) throws Refused {
        throw new TodoException("Step 4: refuse with 503 server_full at the total, 429 too_many_streams_per_user at "
                + "the user's limit, else count the stream and return its slot (see README, step 4)");
    }

    private synchronized void release(Slot slot) {
        throw new TodoException("Step 4: give back what the slot holds, once (see README, step 4)");
    }

    /** @return the streams open now */
    public synchronized int open() {
        return open;
    }
}
