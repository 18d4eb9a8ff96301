package dev.realtimelessons.lesson06;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * Who is in each room, across the cluster: per room a sorted set of {@code node|user} entries, each scored with the
 * time it expires. Every server refreshes the entries of its own users ({@link #refresh()}, on its heartbeat), so a
 * server that crashes stops refreshing and its users are gone from every room a TTL later, instead of staying
 * present forever.
 *
 * <p>Thread-safe.
 */
public final class RedisPresence {

    private final UnifiedJedis redis;
    private final Keys keys;
    private final String node;
    private final Duration ttl;
    private final Map<String, Set<String>> local = new ConcurrentHashMap<>();

    /**
     * @param redis     a Jedis pool
     * @param namespace a prefix for every key
     * @param node      this server's id
     * @param ttl       how long an entry lives without a refresh
     */
    public RedisPresence(UnifiedJedis redis, String namespace, String node, Duration ttl) {
        this.redis = redis;
        this.keys = new Keys(namespace);
        this.node = node;
        this.ttl = ttl;
    }

    /**
     * Step 5: a user is present in a room through this server.
     *
     * @param room the room
     * @param user the user
     */
    // tag::add[]
    public void add(String room, String user) {
        local.computeIfAbsent(room, key -> ConcurrentHashMap.newKeySet()).add(user);
        redis.zadd(key(room), expiry(), node + '|' + user);
        redis.pexpire(key(room), ttl.toMillis()); // if this server dies now, the key goes too
    }

    /**
     * Step 5: a user is no longer present in a room through this server.
     *
     * @param room the room
     * @param user the user
     */
    public void remove(String room, String user) {
        local.computeIfPresent(room, (key, users) -> users.remove(user) && users.isEmpty() ? null : users);
        redis.zrem(key(room), node + '|' + user);
    }

    /**
     * Step 5: the users present in a room through any server whose entries have not expired.
     *
     * @param room the room
     * @return each user once, sorted
     */
    public List<String> users(String room) {
        Set<String> users = new TreeSet<>();
        for (String entry : redis.zrangeByScore(key(room), now(), Double.POSITIVE_INFINITY)) {
            users.add(entry.substring(entry.indexOf('|') + 1)); // user names have no '|'; node ids neither
        }
        return List.copyOf(users);
    }
    // end::add[]

    /**
     * Step 5: pushes the expiry of this server's entries forward, and removes every expired entry of the rooms
     * it has users in, in one pipeline.
     */
    // tag::refresh[]
    public void refresh() {
        double expiry = expiry();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            local.forEach((room, users) -> {
                for (String user : users) { // XX: only extend; a user who left meanwhile is not brought back
                    pipeline.zadd(key(room), expiry, node + '|' + user, ZAddParams.zAddParams().xx());
                }
                pipeline.zremrangeByScore(key(room), Double.NEGATIVE_INFINITY, now());
                pipeline.pexpire(key(room), ttl.toMillis()); // a room nobody refreshes disappears
            });
            pipeline.sync();
        }
    }
    // end::refresh[]

    private String key(String room) {
        return keys.presence(room);
    }

    private double expiry() {
        return now() + ttl.toMillis();
    }

    private static double now() {
        return System.currentTimeMillis();
    }
}
