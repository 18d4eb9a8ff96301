package dev.realtimelessons.lesson05;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson02.Connection;

/**
 * Step 2: finds connections whose peer is gone. TCP alone may never tell: a peer that lost power or network
 * leaves a half-open connection that looks fine until something is written, and maybe long after. So after a
 * silence of {@code interval} the server sends a ping frame, and a connection that sends nothing back (a pong, or
 * any other frame) within {@code timeout} is declared dead.
 */
public final class Heartbeat {

    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Duration timeout;
    private final Consumer<Connection> dead;

    /**
     * @param scheduler sends the pings and checks the answers
     * @param interval  silence before a ping
     * @param timeout   wait for an answer after a ping
     * @param dead      what to do with a connection that did not answer (close and clean up)
     */
    public Heartbeat(ScheduledExecutorService scheduler, Duration interval, Duration timeout,
                     Consumer<Connection> dead) {
        this.scheduler = scheduler;
        this.interval = interval;
        this.timeout = timeout;
        this.dead = dead;
    }

    /**
     * Step 2: starts watching a new connection.
     *
     * @param connection the connection
     */
    public void start(Connection connection) {
        throw new TodoException("Step 2: schedule the connection's first ping after the interval"
                + " (see README, step 2)");
    }

    /**
     * Step 2: notes that a frame arrived from a connection: it is alive.
     *
     * @param connection the connection
     */
    public void alive(Connection connection) {
        throw new TodoException("Step 2: remember when the connection last sent something (see README, step 2)");
    }

    /**
     * Step 2: stops watching a connection (it closed).
     *
     * @param connection the connection
     */
    public void stop(Connection connection) {
        throw new TodoException("Step 2: cancel the connection's pending ping or check (see README, step 2)");
    }

    /**
     * @return how many connections are watched
     */
    public int watched() {
        throw new TodoException("Step 2: count the watched connections (see README, step 2)");
    }
}
