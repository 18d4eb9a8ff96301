package dev.realtimelessons.lesson04;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.realtimelessons.lesson02.Connection;

/**
 * Step 3: ends connections whose credentials run out. A WebSocket outlives the check at its handshake, so the
 * server must remember when each connection's token expires and act then, unless a fresh token came first.
 */
public final class ExpiryWatch {

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<Connection> expired;
    /** The pending expiry of each watched connection, by connection id. */
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

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
    // tag::watch[]
    public void watch(Connection connection, Instant expiresAt) {
        Watch next = new Watch();
        Watch previous = expiresAt == null ? watches.remove(connection.id()) : watches.put(connection.id(), next);
        if (previous != null) {
            previous.cancel();
        }
        if (expiresAt != null) {
            long delay = Math.max(0, Duration.between(clock.instant(), expiresAt).toMillis());
            next.start(scheduler.schedule(() -> {
                if (watches.remove(connection.id(), next)) { // not replaced by a refresh meanwhile
                    expired.accept(connection);
                }
            }, delay, TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Step 3: stops watching a connection (it closed).
     *
     * @param connection the connection
     */
    public void forget(Connection connection) {
        Watch watch = watches.remove(connection.id());
        if (watch != null) {
            watch.cancel();
        }
    }
    // end::watch[]

    /**
     * @return how many connections are watched
     */
    public int watched() {
        return watches.size();
    }

    /**
     * One scheduled expiry: {@link #start} with the scheduled task, {@link #cancel} when it is replaced or forgotten.
     * A refresh can replace a watch after it is in the map but before its task is scheduled, so a cancel may come
     * first: then {@code start} cancels the task at once.
     */
    private static final class Watch {
        private ScheduledFuture<?> task;
        private boolean cancelled;

        synchronized void start(ScheduledFuture<?> scheduled) {
            task = scheduled;
            if (cancelled) {
                task.cancel(false);
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (task != null) {
                task.cancel(false);
            }
        }
    }
}
