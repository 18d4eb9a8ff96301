package dev.realtimelessons.lesson06;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson05.HeartbeatConfig;

/**
 * How a server of the cluster runs.
 *
 * @param auth        lesson 04's settings (every server of a cluster needs the same JWT key)
 * @param heartbeat   lesson 05's settings
 * @param node        this server's id, unique in the cluster
 * @param namespace   a prefix for every Redis key and channel, so that several clusters (or tests) can share one
 *                    Redis
 * @param presenceTtl how long a server's presence entries and figures live without a refresh; it refreshes them
 *                    three times per TTL, so a crashed server's users are gone from presence within one TTL
 * @param historyTtl  how long a room's stream and numbering live after its last message
 * @param workers     how many room workers
 * @param redisRetry  the ceiling of the first delay before reconnecting to Redis; it doubles up to 5 seconds
 */
public record ClusterConfig(AuthServerConfig auth, HeartbeatConfig heartbeat, String node, String namespace,
                            Duration presenceTtl, Duration historyTtl, int workers, Duration redisRetry) {

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /**
     * Checks the node id, which travels in envelopes and presence entries.
     *
     * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, '_', '.', ':' or '-'
     */
    public ClusterConfig {
        if (!NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("NODE_ID must be 1 to 64 letters, digits, '_', '.', ':' or '-', got '"
                    + node + "'");
        }
    }

    /**
     * For tests: lesson 04's and 05's test settings, a random node id, a 3-second presence TTL.
     *
     * @param auth      the cluster's shared authentication settings
     * @param namespace the test's key prefix
     * @return the configuration
     */
    public static ClusterConfig forTests(AuthServerConfig auth, String namespace) {
        return new ClusterConfig(auth, HeartbeatConfig.defaults(), randomNode(), namespace, Duration.ofSeconds(3),
                Duration.ofHours(1), 4, Duration.ofMillis(100));
    }

    /**
     * From the environment: lesson 04's and 05's variables, and {@code NODE_ID} (default: random),
     * {@code REDIS_NAMESPACE} (default: none), {@code PRESENCE_TTL_MS} (default 30000), {@code HISTORY_TTL_MS}
     * (default one day), {@code ROOM_WORKERS} (default 4), {@code REDIS_RETRY_MS} (default 100).
     *
     * @param env the environment
     * @return the configuration
     */
    public static ClusterConfig fromEnvironment(Map<String, String> env) {
        return new ClusterConfig(AuthServerConfig.fromEnvironment(env), HeartbeatConfig.fromEnvironment(env),
                env.getOrDefault("NODE_ID", randomNode()), env.getOrDefault("REDIS_NAMESPACE", ""),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("PRESENCE_TTL_MS", "30000"))),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("HISTORY_TTL_MS", "86400000"))),
                Integer.parseInt(env.getOrDefault("ROOM_WORKERS", "4")),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("REDIS_RETRY_MS", "100"))));
    }

    /** @param node an id @return a copy for another server */
    public ClusterConfig withNode(String node) {
        return new ClusterConfig(auth, heartbeat, node, namespace, presenceTtl, historyTtl, workers, redisRetry);
    }

    /** @param auth lesson 04's settings @return a copy */
    public ClusterConfig withAuth(AuthServerConfig auth) {
        return new ClusterConfig(auth, heartbeat, node, namespace, presenceTtl, historyTtl, workers, redisRetry);
    }

    /** @param heartbeat lesson 05's settings @return a copy */
    public ClusterConfig withHeartbeat(HeartbeatConfig heartbeat) {
        return new ClusterConfig(auth, heartbeat, node, namespace, presenceTtl, historyTtl, workers, redisRetry);
    }

    /** @param retry the first reconnect delay's ceiling @return a copy */
    public ClusterConfig withRedisRetry(Duration retry) {
        return new ClusterConfig(auth, heartbeat, node, namespace, presenceTtl, historyTtl, workers, retry);
    }

    /** @return a new random id, for example {@code node-3fa9} */
    public static String randomNode() {
        byte[] bytes = new byte[2];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "node-" + HexFormat.of().formatHex(bytes);
    }
}
