package dev.realtimelessons.lesson08;

import java.time.Duration;
import java.util.Map;

/**
 * Lesson 08's switches and limits, each from an environment variable where set:
 * <ul>
 *   <li>{@code WEBSOCKET_ENABLED} (true) and {@code SSE_ENABLED} (true): a transport switched off answers 404
 *       {@code transport_disabled}, so that clients fall back to the other one;</li>
 *   <li>{@code MAX_SSE_STREAMS} (10,000) and {@code MAX_SSE_STREAMS_PER_USER} (10): the event streams a server
 *       holds, in total (past it: 503 {@code server_full}) and per user (past it: 429
 *       {@code too_many_streams_per_user}), both with {@code Retry-After}; WebSocket keeps lesson 04's
 *       {@code MAX_CONNECTIONS} and {@code MAX_CONNECTIONS_PER_USER};</li>
 *   <li>{@code SSE_HEARTBEAT_SECONDS} (15): a comment on every stream this often, well under a proxy's idle timeout
 *       (nginx's {@code proxy_read_timeout} is 60 s by default);</li>
 *   <li>{@code INBOX_SIZE} (1,000) and {@code INBOX_TTL_HOURS} (168): what an inbox keeps, and how long after its
 *       last entry.</li>
 * </ul>
 *
 * @param websocketEnabled whether {@code /ws} upgrades
 * @param sseEnabled       whether {@code /sse} streams
 * @param maxStreams       event streams in total, 0 for no limit
 * @param maxStreamsPerUser event streams of one user, 0 for no limit
 * @param retryAfter       what a refusal's {@code Retry-After} says
 * @param heartbeat        how often a stream gets a comment
 * @param retry            the {@code retry:} a stream sends: how long a browser waits before it reconnects
 * @param inboxSize        the entries an inbox keeps
 * @param inboxTtl         how long an inbox lives after its last entry
 */
public record NotificationsConfig(boolean websocketEnabled, boolean sseEnabled, int maxStreams,
                                  int maxStreamsPerUser, Duration retryAfter, Duration heartbeat, Duration retry,
                                  int inboxSize, Duration inboxTtl) {

    /** @return the defaults */
    public static NotificationsConfig defaults() {
        return new NotificationsConfig(true, true, 10_000, 10, Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofSeconds(2), 1_000, Duration.ofHours(168));
    }

    /**
     * The defaults, overridden by the environment.
     *
     * @param env the environment, for example {@code System.getenv()}
     * @return the configuration
     * @throws IllegalArgumentException if a value is not what its variable needs
     */
    public static NotificationsConfig fromEnvironment(Map<String, String> env) {
        NotificationsConfig d = defaults();
        return new NotificationsConfig(flag(env, "WEBSOCKET_ENABLED", d.websocketEnabled),
                flag(env, "SSE_ENABLED", d.sseEnabled), number(env, "MAX_SSE_STREAMS", d.maxStreams),
                number(env, "MAX_SSE_STREAMS_PER_USER", d.maxStreamsPerUser), d.retryAfter,
                Duration.ofSeconds(number(env, "SSE_HEARTBEAT_SECONDS", (int) d.heartbeat.toSeconds())), d.retry,
                number(env, "INBOX_SIZE", d.inboxSize),
                Duration.ofHours(number(env, "INBOX_TTL_HOURS", (int) d.inboxTtl.toHours())));
    }

    /** @param enabled whether {@code /ws} upgrades @return a copy */
    public NotificationsConfig withWebsocket(boolean enabled) {
        return new NotificationsConfig(enabled, sseEnabled, maxStreams, maxStreamsPerUser, retryAfter, heartbeat,
                retry, inboxSize, inboxTtl);
    }

    /** @param enabled whether {@code /sse} streams @return a copy */
    public NotificationsConfig withSse(boolean enabled) {
        return new NotificationsConfig(websocketEnabled, enabled, maxStreams, maxStreamsPerUser, retryAfter,
                heartbeat, retry, inboxSize, inboxTtl);
    }

    /** @param total streams in total @param perUser streams per user @return a copy */
    public NotificationsConfig withStreamLimits(int total, int perUser) {
        return new NotificationsConfig(websocketEnabled, sseEnabled, total, perUser, retryAfter, heartbeat, retry,
                inboxSize, inboxTtl);
    }

    /** @param every the heartbeat period @return a copy */
    public NotificationsConfig withHeartbeat(Duration every) {
        return new NotificationsConfig(websocketEnabled, sseEnabled, maxStreams, maxStreamsPerUser, retryAfter,
                every, retry, inboxSize, inboxTtl);
    }

    /** @param size the entries an inbox keeps @return a copy */
    public NotificationsConfig withInboxSize(int size) {
        return new NotificationsConfig(websocketEnabled, sseEnabled, maxStreams, maxStreamsPerUser, retryAfter,
                heartbeat, retry, size, inboxTtl);
    }

    private static boolean flag(Map<String, String> env, String name, boolean otherwise) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(name + " must be true or false, got " + value);
        }
        return Boolean.parseBoolean(value);
    }

    private static int number(Map<String, String> env, String name, int otherwise) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, 0 or more, got " + value);
        }
    }
}
