package dev.realtimelessons.kit.server;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How many WebSocket connections a {@link RealtimeServer} holds at once: in total, per user and per client address.
 * A handshake past a limit is refused before Tyrus sees it, and no session is opened:
 * <ul>
 *   <li>past {@code maxConnections}: {@code 503 Service Unavailable}, error {@code server_full};</li>
 *   <li>past {@code maxPerUser}: {@code 429 Too Many Requests}, error {@code too_many_connections_per_user};</li>
 *   <li>past {@code maxPerAddress}: {@code 429 Too Many Requests}, error {@code too_many_connections_per_ip};</li>
 * </ul>
 * each with the course's JSON error body and {@code Retry-After: retryAfter} in seconds. A connection counts from
 * its handshake until its TCP connection closes; a handshake that is refused, or that Tyrus does not upgrade,
 * counts for nothing. A limit of {@code 0} is no limit.
 *
 * <p>Why these defaults:
 * <ul>
 *   <li>10,000 in total: an idle connection keeps about 17 KB of heap and 30 KB of memory in all (measured with
 *       Tyrus 2.2.2), so 10,000 take about 300 MB, and they stay well below the usual limit of open files
 *       (20,000 on the course's machines);</li>
 *   <li>20 per user: tabs and devices of one person; a client stuck in a reconnect loop hits it long before it
 *       hurts anyone else;</li>
 *   <li>500 per address: 5 % of the server, so that one host needs 20 addresses to fill it, while an office or a
 *       carrier's NAT, where hundreds of people share one address, still fits. Behind a proxy every client has
 *       the proxy's address: then set it to 0 and limit per client address in the proxy (nginx's
 *       {@code limit_conn}).</li>
 * </ul>
 *
 * @param maxConnections connections in total; 0 for no limit
 * @param maxPerUser     connections of one user (see {@link HandshakeUser}); 0 for no limit
 * @param maxPerAddress  connections from one client address; 0 for no limit
 * @param retryAfter     what a refusal's {@code Retry-After} says, in whole seconds
 */
public record ConnectionLimits(int maxConnections, int maxPerUser, int maxPerAddress, Duration retryAfter) {

    /** The default total: 10,000. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** The default per user: 20. */
    public static final int DEFAULT_MAX_PER_USER = 20;
    /** The default per client address: 500. */
    public static final int DEFAULT_MAX_PER_ADDRESS = 500;
    /** The default {@code Retry-After}: 10 s. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

    /** Checks the values. */
    public ConnectionLimits {
        requireNotNegative("maxConnections", maxConnections);
        requireNotNegative("maxPerUser", maxPerUser);
        requireNotNegative("maxPerAddress", maxPerAddress);
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("retryAfter must be at least 1 s, got " + retryAfter);
        }
    }

    /**
     * The defaults: 10,000 in total, 20 per user, 500 per address, retry after 10 s.
     *
     * @return the defaults
     */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_PER_USER, DEFAULT_MAX_PER_ADDRESS,
                DEFAULT_RETRY_AFTER);
    }

    /**
     * No limit at all: for benchmarks that open thousands of connections from one address as one user.
     *
     * @return limits that refuse nothing
     */
    public static ConnectionLimits none() {
        return new ConnectionLimits(0, 0, 0, DEFAULT_RETRY_AFTER);
    }

    /**
     * The defaults, overridden by environment variables where set, each a whole number, {@code 0} for no limit:
     * {@code MAX_CONNECTIONS} (10000), {@code MAX_CONNECTIONS_PER_USER} (20), {@code MAX_CONNECTIONS_PER_IP} (500).
     *
     * @param env the environment
     * @return the limits
     * @throws IllegalArgumentException if a value is not a whole number of 0 or more; the message names it
     */
    public static ConnectionLimits fromEnvironment(Map<String, String> env) {
        ConnectionLimits defaults = defaults();
        return new ConnectionLimits(number(env, "MAX_CONNECTIONS", defaults.maxConnections),
                number(env, "MAX_CONNECTIONS_PER_USER", defaults.maxPerUser),
                number(env, "MAX_CONNECTIONS_PER_IP", defaults.maxPerAddress), defaults.retryAfter);
    }

    /** @param max connections in total, 0 for no limit @return a copy */
    public ConnectionLimits withMaxConnections(int max) {
        return new ConnectionLimits(max, maxPerUser, maxPerAddress, retryAfter);
    }

    /** @param max connections of one user, 0 for no limit @return a copy */
    public ConnectionLimits withMaxPerUser(int max) {
        return new ConnectionLimits(maxConnections, max, maxPerAddress, retryAfter);
    }

    /** @param max connections from one address, 0 for no limit @return a copy */
    public ConnectionLimits withMaxPerAddress(int max) {
        return new ConnectionLimits(maxConnections, maxPerUser, max, retryAfter);
    }

    /** @param after what a refusal's {@code Retry-After} says @return a copy */
    public ConnectionLimits withRetryAfter(Duration after) {
        return new ConnectionLimits(maxConnections, maxPerUser, maxPerAddress, after);
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            requireNotNegative(name, number);
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of 0 or more, got '" + value + "'");
        }
    }

    private static void requireNotNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 (no limit) or more, got " + value);
        }
    }
}
