package dev.realtimelessons.lesson04;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson02.Connection;

/**
 * Step 3: ends connections whose credentials run out. A WebSocket outlives the check at its handshake, so the
 * server must remember when each connection's token expires and act then, unless a fresh token came first.
 */
public final class ExpiryWatch {

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<Connection> expired;

    /**
     * @param scheduler runs the expiries
     * @param clock     the time expiries are measured from
     * @param expired   what to do with a connection whose time is up (close it with 4001)
     */
    public ExpiryWatch(ScheduledExecutorService scheduler, Clock clock, Consumer<Connection> expired) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.expired = expired;
    }

    /**
     * Step 3: calls {@code expired} for the connection at {@code expiresAt}, replacing what was set for it before
     * (a refresh moves its expiry). A time already past expires it at once.
     *
     * @param connection the connection
     * @param expiresAt  when its credentials run out; null for credentials that do not expire
     */
    public void watch(Connection connection, Instant expiresAt) {
        throw new TodoException("Step 3: schedule the connection's expiry, replacing any earlier one"
                + " (see README, step 3)");
    }

    /**
     * Step 3: stops watching a connection (it closed).
     *
     * @param connection the connection
     */
    public void forget(Connection connection) {
        throw new TodoException("Step 3: cancel the connection's expiry (see README, step 3)");
    }

    /**
     * @return how many connections are watched
     */
    public int watched() {
        throw new TodoException("Step 3: count the connections with a pending expiry (see README, step 3)");
    }
}
