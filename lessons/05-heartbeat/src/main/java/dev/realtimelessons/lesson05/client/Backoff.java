package dev.realtimelessons.lesson05.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.realtimelessons.kit.TodoException;

/**
 * How long to wait before each reconnect attempt: exponential backoff with <em>full jitter</em>, a cap and a
 * maximum number of attempts.
 *
 * <p>Attempt {@code n} (counting from 0) waits a delay drawn uniformly from {@code [0, min(cap, base * 2^n)]}.
 * The ceiling doubles so that a server in trouble gets fewer attempts the longer it stays down; the draw is
 * random so that a thousand clients dropped by the same restart do not come back in the same millisecond (see
 * "Exponential Backoff And Jitter" on the AWS Architecture Blog). Without the jitter every client would compute
 * the same delays and the reconnects would arrive as synchronised waves.
 *
 * <p>One instance belongs to one client. Its methods are thread-safe.
 */
public final class Backoff {

    /** Delays are counted in nanoseconds, and a {@code long} of them lasts 292 years: a century is plenty. */
    private static final Duration LONGEST_CAP = Duration.ofDays(36_500);

    private final long baseNanos;
    private final long capNanos;
    private final int maxAttempts;
    private final RandomGenerator random;
    private int attempts;

    /**
     * Creates a backoff that has used no attempts yet.
     *
     * @param base        the ceiling of the first delay, more than zero
     * @param cap         the largest ceiling, at least {@code base} and at most 100 years
     * @param maxAttempts how many delays {@link #next()} hands out before it gives up, at least 1
     * @param random      where the jitter comes from; a seeded generator makes the delays repeatable in tests
     * @throws IllegalArgumentException if an argument breaks its rule
     * @throws NullPointerException     if an argument is null
     */
    public Backoff(Duration base, Duration cap, int maxAttempts, RandomGenerator random) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be more than zero, was " + base);
        }
        if (cap.compareTo(base) < 0 || cap.compareTo(LONGEST_CAP) > 0) {
            throw new IllegalArgumentException(
                    "cap must be at least base (" + base + ") and at most 100 years, was " + cap);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /**
     * The course's defaults: a base of 250 ms, a cap of 30 s and 20 attempts.
     *
     * <p>The ceilings are 0.25, 0.5, 1, 2, 4, 8 and 16 s, then 30 s for the remaining 13 attempts: a client
     * gives up after at most about 7 minutes (3.5 on average) of a server that does not come back, and while
     * the server is down each client tries about twice a minute.
     *
     * @param random where the jitter comes from
     * @return a new backoff
     */
    public static Backoff defaults(RandomGenerator random) {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), 20, random);
    }

    /**
     * Step 3: the largest delay attempt {@code attempt} may wait, {@code min(cap, base * 2^attempt)}, computed
     * without overflowing however large {@code attempt} is.
     *
     * @param attempt the attempt, counting from 0
     * @return the ceiling of that attempt's delay
     * @throws IllegalArgumentException if {@code attempt} is negative
     */
    public Duration ceiling(int attempt) {
        throw new TodoException("Step 3: return min(cap, base * 2^attempt), refusing a negative attempt, without"
                + " overflowing even for attempt Integer.MAX_VALUE (see README, step 3)");
    }

    /**
     * Step 3: uses one attempt and returns the delay to wait before it, drawn uniformly from
     * {@code [0, ceiling(attempt)]}, where {@code attempt} is the number of attempts used before this call.
     *
     * @return the delay, or empty once {@code maxAttempts} attempts have been used (the caller gives up; the
     *         count does not go on growing)
     */
    public synchronized Optional<Duration> next() {
        throw new TodoException("Step 3: return empty once maxAttempts are used, changing nothing; otherwise use"
                + " one attempt and draw its delay uniformly from [0, ceiling(attempt)] (see README, step 3)");
    }

    /**
     * How many attempts {@link #next()} has handed out since this backoff was created or last reset.
     *
     * @return from 0 to {@code maxAttempts}
     */
    public synchronized int attempts() {
        return attempts;
    }

    /**
     * Starts again from the first attempt, as after a successful connection: the next delay is drawn
     * from {@code [0, base]} again, and all {@code maxAttempts} are available.
     */
    public synchronized void reset() {
        attempts = 0;
    }
}
