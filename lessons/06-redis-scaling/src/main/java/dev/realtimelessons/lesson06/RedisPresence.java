package dev.realtimelessons.lesson06;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import redis.clients.jedis.UnifiedJedis;

import dev.realtimelessons.kit.TodoException;

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
    public void add(String room, String user) {
        throw new TodoException("Step 5: remember the user as present through this server, and add its entry "
                + "to the room's set, expiring a TTL from now; a room whose server dies before its first refresh "
                + "must go too (see README, step 5)");
    }

    /**
     * Step 5: a user is no longer present in a room through this server.
     *
     * @param room the room
     * @param user the user
     */
    public void remove(String room, String user) {
        throw new TodoException("Step 5: forget the user here, and remove this server's entry for it from the "
                + "room's set, not another server's (see README, step 5)");
    }

    /**
     * Step 5: the users present in a room through any server whose entries have not expired.
     *
     * @param room the room
     * @return each user once, sorted
     */
    public List<String> users(String room) {
        throw new TodoException("Step 5: the users of the room's entries that have not expired, whichever "
                + "server wrote them, each once, sorted (see README, step 5)");
    }

    /**
     * Step 5: pushes the expiry of this server's entries forward, and removes every expired entry of the rooms
     * it has users in, in one pipeline.
     */
    public void refresh() {
        throw new TodoException("Step 5: in one round trip, push the expiry of this server's entries forward "
                + "(without bringing back a user who left meanwhile) and remove every expired entry of those rooms "
                + "(see README, step 5)");
    }

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
