package dev.realtimelessons.lesson03;

import java.util.function.LongSupplier;

import dev.realtimelessons.kit.TodoException;

/**
 * A token bucket: up to {@code capacity} tokens, refilled continuously at {@code perSecond}. Taking a token
 * allows one message; a burst may use the whole bucket, and the long-run rate is the refill rate.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    /**
     * Creates a full bucket.
     *
     * @param capacity  the most tokens it holds, at least 1
     * @param perSecond tokens added per second, more than 0
     * @param nanoClock the time in nanoseconds, {@code System::nanoTime} outside tests
     */
    public TokenBucket(int capacity, double perSecond, LongSupplier nanoClock) {
        if (capacity < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("capacity must be at least 1 and perSecond more than 0");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    /**
     * Step 1: takes a token if there is one, after adding what the time since the last call has refilled
     * (never more than the capacity).
     *
     * @return true if a token was taken: the message may go
     */
    public synchronized boolean tryTake() {
        throw new TodoException(
                "Step 1: refill by the time elapsed (capped), then take a token if there is one (see README, step 1)");
    }
}
