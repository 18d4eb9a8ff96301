package dev.realtimelessons.lesson02;

import java.util.Map;

import dev.realtimelessons.kit.server.ConnectionLimits;
import dev.realtimelessons.kit.server.RealtimeServer;

/**
 * How a {@link ChatServer} runs.
 *
 * @param host             the address to bind
 * @param port             0 for a free port
 * @param maxMessageBytes  the largest message a client may send (its UTF-8 bytes, in one frame or several); the
 *                         server closes with 1009 as soon as a frame header announces more
 * @param outboxCapacity   messages that may wait for one client before it is cut off as too slow
 * @param connectionLimits WebSocket connections at once, in total, per user and per client address
 */
public record ChatServerConfig(String host, int port, int maxMessageBytes, int outboxCapacity,
                               ConnectionLimits connectionLimits) {

    /**
     * The defaults: 127.0.0.1:8080, 64 KiB messages, 256 queued messages per connection, and the kit's connection
     * limits (10,000 in total, 20 per user, 500 per client address).
     *
     * @return the defaults
     */
    public static ChatServerConfig defaults() {
        return new ChatServerConfig("127.0.0.1", 8080, RealtimeServer.DEFAULT_MAX_MESSAGE_BYTES, 256,
                ConnectionLimits.defaults());
    }

    /**
     * For tests: a free port, everything else as {@link #defaults()}.
     *
     * @return the test configuration
     */
    public static ChatServerConfig forTests() {
        return defaults().withPort(0);
    }

    /**
     * The defaults, overridden by environment variables where set:
     * <ul>
     *   <li>{@code HOST} (127.0.0.1) and {@code PORT} (8080);</li>
     *   <li>{@code MAX_CONNECTIONS} (10000), {@code MAX_CONNECTIONS_PER_USER} (20) and
     *       {@code MAX_CONNECTIONS_PER_IP} (500): WebSocket connections at once in total, per user and per client
     *       address, {@code 0} for no limit. A handshake past one is refused with 503 {@code server_full} or 429
     *       {@code too_many_connections_per_user} / {@code too_many_connections_per_ip} (see
     *       {@link ConnectionLimits}). Without authentication the user is the {@code ?user=} the client claims, so
     *       a client can use up another name's places, as it can read that name's messages; behind a proxy every
     *       client has the proxy's address, so set {@code MAX_CONNECTIONS_PER_IP=0} and limit per address there.</li>
     * </ul>
     *
     * @param env the environment
     * @return the configuration
     * @throws IllegalArgumentException if a limit is not a whole number of 0 or more
     */
    public static ChatServerConfig fromEnvironment(Map<String, String> env) {
        ChatServerConfig defaults = defaults();
        return new ChatServerConfig(env.getOrDefault("HOST", defaults.host),
                Integer.parseInt(env.getOrDefault("PORT", Integer.toString(defaults.port))),
                defaults.maxMessageBytes, defaults.outboxCapacity, ConnectionLimits.fromEnvironment(env));
    }

    /**
     * @param port the port
     * @return a copy with that port
     */
    public ChatServerConfig withPort(int port) {
        return new ChatServerConfig(host, port, maxMessageBytes, outboxCapacity, connectionLimits);
    }

    /**
     * @param capacity messages that may wait for one client
     * @return a copy with that capacity
     */
    public ChatServerConfig withOutboxCapacity(int capacity) {
        return new ChatServerConfig(host, port, maxMessageBytes, capacity, connectionLimits);
    }

    /**
     * @param limits WebSocket connections at once, in total, per user and per client address
     * @return a copy with those limits
     */
    public ChatServerConfig withConnectionLimits(ConnectionLimits limits) {
        return new ChatServerConfig(host, port, maxMessageBytes, outboxCapacity, limits);
    }
}
