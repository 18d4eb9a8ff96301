package dev.realtimelessons.lesson08.client;

import java.time.Duration;

/**
 * What an {@link EventStreamClient} tells its owner.
 *
 * <p>Calls come from the {@code HttpClient}'s executor threads (the stream), the client's timer thread (the end
 * of a connection) or the thread that calls {@link EventStreamClient#close()}, and for one client they are made one
 * at a time, in the order of the stream: never two at once, each seeing what the one before it did. A callback
 * should return quickly (it holds up its stream, and the timer is shared) and should not throw: an exception is
 * logged without its message and otherwise ignored. A callback may call {@link EventStreamClient#close()}. Once
 * {@code close()} has returned no callback follows: it calls {@code onClosed} itself, before it returns.
 */
public interface EventStreamListener {

    /** A connection answered 200 with {@code text/event-stream}; events follow. Called again after each reconnect. */
    default void onOpen() {
    }

    /**
     * An event was dispatched (a blank line ended a block with at least one {@code data:} line).
     *
     * @param event the event
     */
    void onEvent(StreamEvent event);

    /**
     * A comment line, for example a server's heartbeat.
     *
     * @param text the text after the colon, without one leading space
     */
    default void onComment(String text) {
    }

    /**
     * The connection is gone, or was refused for a while, and the client will connect again after {@code delay}
     * (with fresh headers and {@code Last-Event-ID}).
     *
     * @param delay  how long the client waits: the backoff, a {@code Retry-After}, or zero for the one retry after
     *               a 401
     * @param reason why: an {@link java.io.EOFException} when the server ended the stream, an
     *               {@link EventStreamException} for a refusal (429, 503, 401), or the I/O error
     */
    default void onReconnecting(Duration delay, Throwable reason) {
    }

    /**
     * The client is closed for good: the last callback it makes.
     *
     * @param failure null when {@link EventStreamClient#close()} was called or the server answered 204 (the
     *                standard's "stop"); otherwise why the client gave up, usually an {@link EventStreamException}
     */
    default void onClosed(Throwable failure) {
    }
}
