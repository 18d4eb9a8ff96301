package dev.realtimelessons.lesson05.client;

/**
 * Where a {@link RealtimeClient} stands. The client moves between these states on its own thread and reports
 * every change to its {@link StateListener}s.
 *
 * <pre>
 *   CLOSED --connect()--> CONNECTING --`connected`--> CONNECTED &lt;--`connected`-- RECONNECTING
 *                                                        |                           ^
 *                                                        +-------- lost -------------+
 *
 *   any state --close(), or the ReconnectPolicy said Stop--> CLOSED, for good
 * </pre>
 */
public enum ConnectionState {

    /** Opening the first connection; failed attempts the policy retries stay in this same state. */
    CONNECTING,

    /** The server's {@code connected} message has arrived: requests can be sent. */
    CONNECTED,

    /** An established connection was lost; the client waits out the policy's delay and tries again. */
    RECONNECTING,

    /**
     * Not connected and not trying: before {@link RealtimeClient#connect()}, and for good after
     * {@link RealtimeClient#close()} or when the reconnect policy stopped it (a logout, a refused handshake, the
     * backoff used up).
     */
    CLOSED
}
