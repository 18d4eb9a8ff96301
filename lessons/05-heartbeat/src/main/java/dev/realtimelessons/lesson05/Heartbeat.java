package dev.realtimelessons.lesson05;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson02.Connection;

/**
 * Step 1: finds connections whose peer is gone. TCP alone may never tell: a peer that lost power or network
 * leaves a half-open connection that looks fine until something is written, and maybe long after. So after a
 * silence of {@code interval} the server sends a ping frame, and a connection that sends nothing back (a pong, or
 * any other frame) within {@code timeout} is declared dead.
 */
public final class Heartbeat {

    private static final byte[] PAYLOAD = "hb".getBytes(StandardCharsets.US_ASCII);

    private final ScheduledExecutorService scheduler;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final Consumer<Connection> dead;
    private final Map<String, Beat> beats = new ConcurrentHashMap<>();

    /**
     * @param scheduler sends the pings and checks the answers
     * @param interval  silence before a ping
     * @param timeout   wait for an answer after a ping
     * @param dead      what to do with a connection that did not answer (close and clean up)
     */
    public Heartbeat(ScheduledExecutorService scheduler, Duration interval, Duration timeout,
                     Consumer<Connection> dead) {
        this.scheduler = scheduler;
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.dead = dead;
    }

    /**
     * Step 1: starts watching a new connection.
     *
     * @param connection the connection
     */
    public void start(Connection connection) {
        throw new TodoException("Step 1: watch a new connection: one Beat in the map, its first ping scheduled after"
                + " the interval (see README, step 1)");
    }

    /**
     * Step 1: notes that a frame arrived from a connection: it is alive.
     *
     * @param connection the connection
     */
    public void alive(Connection connection) {
        throw new TodoException("Step 1: note that the connection just sent a frame, and nothing more: this runs for"
                + " every frame (see README, step 1)");
    }

    /**
     * Step 1: stops watching a connection (it closed).
     *
     * @param connection the connection
     */
    public void stop(Connection connection) {
        throw new TodoException("Step 1: stop watching the connection and cancel its pending step"
                + " (see README, step 1)");
    }

    /**
     * How many connections are watched.
     *
     * @return the count
     */
    public int watched() {
        return beats.size();
    }

    /**
     * One connection's heartbeat: ping after a silence, then check that something came back. Its timer runs on the
     * scheduler's single thread; {@code lastSeen} is written by Tyrus's threads, hence volatile.
     */
    private final class Beat {
        private final Connection connection;
        private volatile long lastSeen = System.nanoTime();
        private long pingedAt;
        private ScheduledFuture<?> task;

        Beat(Connection connection) {
            this.connection = connection;
        }

        /** The timer after a silence: ping if the connection is still silent, otherwise wait for the rest. */
        void ping() {
            throw new TodoException("Step 1: if the connection spoke within the interval, wait for the rest of it;"
                    + " otherwise send a ping frame and schedule the check after the timeout (see README, step 1)");
        }

        /** The timer after a ping: anything since? Then wait for the next silence; if not, it is dead. */
        void check() {
            throw new TodoException("Step 1: if a frame came since the ping, schedule the next ping; otherwise report"
                    + " the connection dead, once (see README, step 1)");
        }

        /** Schedules this beat's next step, unless it has stopped being watched. */
        synchronized void next(long delayNanos, Runnable step) {
            if (beats.get(connection.id()) == this) {
                task = scheduler.schedule(step, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            }
        }

        /** Cancels the pending step. */
        synchronized void cancel() {
            if (task != null) {
                task.cancel(false);
            }
        }
    }
}
