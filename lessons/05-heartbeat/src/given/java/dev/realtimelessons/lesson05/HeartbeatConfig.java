package dev.realtimelessons.lesson05;

import java.time.Duration;
import java.util.Map;

/**
 * How often the server checks that a client is alive.
 *
 * @param interval    how long a connection may be silent before the server sends a ping frame
 * @param timeout     how long the server then waits for a pong, or any other frame, before it closes the
 *                    connection with 4008: a silent client is gone at most {@code interval + timeout} after its
 *                    last frame
 * @param historySize how many messages each room keeps for clients that come back
 */
public record HeartbeatConfig(Duration interval, Duration timeout, int historySize) {

    /**
     * The defaults: a ping after 25 s of silence (under the 30 to 60 s after which many proxies and load balancers
     * cut idle connections), 10 s to answer, 100 messages per room.
     *
     * @return the defaults
     */
    public static HeartbeatConfig defaults() {
        return new HeartbeatConfig(Duration.ofSeconds(25), Duration.ofSeconds(10), 100);
    }

    /**
     * {@code HEARTBEAT_INTERVAL_MS}, {@code HEARTBEAT_TIMEOUT_MS} and {@code HISTORY_SIZE} from the environment,
     * the defaults otherwise.
     *
     * @param env the environment
     * @return the configuration
     */
    public static HeartbeatConfig fromEnvironment(Map<String, String> env) {
        HeartbeatConfig defaults = defaults();
        return new HeartbeatConfig(millis(env, "HEARTBEAT_INTERVAL_MS", defaults.interval),
                millis(env, "HEARTBEAT_TIMEOUT_MS", defaults.timeout),
                Integer.parseInt(env.getOrDefault("HISTORY_SIZE", Integer.toString(defaults.historySize))));
    }

    /**
     * @param interval silence before a ping
     * @param timeout  wait for the answer
     * @return a copy with those times
     */
    public HeartbeatConfig withTimes(Duration interval, Duration timeout) {
        return new HeartbeatConfig(interval, timeout, historySize);
    }

    /** @param size messages kept per room @return a copy */
    public HeartbeatConfig withHistorySize(int size) {
        return new HeartbeatConfig(interval, timeout, size);
    }

    private static Duration millis(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        return value == null ? fallback : Duration.ofMillis(Long.parseLong(value));
    }
}
