package dev.realtimelessons.lesson05.client;

/**
 * Told each time a {@link RealtimeClient} changes its {@link ConnectionState}.
 *
 * <p>Called on the client's own thread, one change at a time and in order. It must return quickly and must not
 * wait for the client (for example with {@code join().get()}): the client does nothing else meanwhile.
 */
@FunctionalInterface
public interface StateListener {

    /**
     * The state changed.
     *
     * @param from   the state before, never equal to {@code to}
     * @param to     the state now
     * @param reason why, for a person: for example {@code "closed by the server: 1001 going away"}
     */
    void stateChanged(ConnectionState from, ConnectionState to, String reason);
}
