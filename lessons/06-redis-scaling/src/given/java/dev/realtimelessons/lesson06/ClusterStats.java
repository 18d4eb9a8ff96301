package dev.realtimelessons.lesson06;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.lesson02.Stats;

/**
 * Which users are online, across the cluster: every server writes its own connections per user to a hash of its
 * own, which expires unless refreshed, and lists itself in a sorted set scored by the same expiry. {@code stats}
 * and {@code GET /api/stats} sum the hashes of the servers that are alive; a crashed server's users drop out a
 * TTL later.
 *
 * <p>Thread-safe.
 */
public final class ClusterStats {

    private static final System.Logger LOG = System.getLogger(ClusterStats.class.getName());

    private final UnifiedJedis redis;
    private final Keys keys;
    private final String node;
    private final Duration ttl;
    private final Supplier<Stats> local;

    /**
     * @param redis     a Jedis pool
     * @param namespace a prefix for every key
     * @param node      this server's id
     * @param ttl       how long a server's figures live without a refresh
     * @param local     this server's own figures
     */
    public ClusterStats(UnifiedJedis redis, String namespace, String node, Duration ttl, Supplier<Stats> local) {
        this.redis = redis;
        this.keys = new Keys(namespace);
        this.node = node;
        this.ttl = ttl;
        this.local = local;
    }

    /** Writes this server's figures, replacing the previous ones, and pushes its expiry forward. */
    public void publish() {
        Stats stats = local.get();
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.del(keys.node(node));
            if (!stats.perUser().isEmpty()) {
                Map<String, String> counts = new HashMap<>();
                stats.perUser().forEach((user, count) -> counts.put(user, count.toString()));
                transaction.hset(keys.node(node), counts);
            }
            transaction.pexpire(keys.node(node), ttl.toMillis());
            transaction.zadd(keys.nodes(), System.currentTimeMillis() + ttl.toMillis(), node);
            transaction.zremrangeByScore(keys.nodes(), Double.NEGATIVE_INFINITY, System.currentTimeMillis());
            transaction.exec();
        }
    }

    /** Removes this server's figures: it is stopping. */
    public void withdraw() {
        try {
            redis.zrem(keys.nodes(), node);
            redis.del(keys.node(node));
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not withdraw the stats of {0}: {1}", node, e.toString());
        }
    }

    /**
     * The cluster's figures: this server's, and those the others last wrote. If Redis cannot be reached, this
     * server's alone.
     *
     * @return the sum
     */
    // tag::sum[]
    public Stats cluster() {
        Map<String, Integer> perUser = new TreeMap<>(local.get().perUser());
        try {
            for (String other : liveNodes()) {
                if (!other.equals(node)) {
                    redis.hgetAll(keys.node(other)).forEach((user, count) ->
                            perUser.merge(user, Integer.parseInt(count), Integer::sum));
                }
            }
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Redis unreachable: stats of this server only");
        }
        int connections = perUser.values().stream().mapToInt(Integer::intValue).sum();
        return new Stats(connections, perUser.size(), perUser);
    }
    // end::sum[]

    /**
     * How many connections a user has on the other servers, as they last wrote it.
     *
     * @param user the user
     * @return the count, 0 if Redis cannot be reached
     */
    public int elsewhere(String user) {
        int count = 0;
        try {
            for (String other : liveNodes()) {
                if (!other.equals(node)) {
                    String value = redis.hget(keys.node(other), user);
                    count += value == null ? 0 : Integer.parseInt(value);
                }
            }
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.DEBUG, "Redis unreachable: {0}", e.toString());
        }
        return count;
    }

    /** @return the servers whose figures have not expired, this one included */
    private List<String> liveNodes() {
        return redis.zrangeByScore(keys.nodes(), System.currentTimeMillis(), Double.POSITIVE_INFINITY);
    }
}
