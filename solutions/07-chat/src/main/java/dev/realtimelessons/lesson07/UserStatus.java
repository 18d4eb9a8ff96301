package dev.realtimelessons.lesson07;

import java.time.Clock;
import java.time.Duration;

import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Users' status across the cluster, in Redis: a user is online while any of their connections, on any server,
 * is; away when they say so; offline, with the time they were last seen, when the last one closes. Each
 * connection is an entry of the user's sorted set, scored with the time it expires: the servers push their
 * entries forward (the given {@link StatusRefresh}), so the connections of a server that crashed expire a TTL
 * later instead of keeping their users online forever.
 */
public final class UserStatus {

    /** How long Redis keeps a user's last-seen time. */
    static final Duration LAST_SEEN_KEPT = Duration.ofDays(30);

    private final UnifiedJedis redis;
    private final StatusKeys keys;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param redis     a Jedis pool
     * @param namespace a prefix for every key
     * @param ttl       how long a connection's entry lives without a refresh
     * @param clock     the time
     */
    public UserStatus(UnifiedJedis redis, String namespace, Duration ttl, Clock clock) {
        this.redis = redis;
        this.keys = new StatusKeys(namespace);
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Step 6: a connection of the user opened, on some server. In one transaction ({@code MULTI}): add its entry,
     * drop the user's expired ones, and count what is left, so that when two tabs open at once on two servers,
     * exactly one of them is the first.
     *
     * @param user       the user
     * @param connection the connection's id
     * @return true if it is the user's only live connection: the user just came online
     */
    // tag::connected[]
    public boolean connected(String user, String connection) {
        long now = clock.millis();
        String key = keys.connections(user);
        Response<Long> live;
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.zadd(key, now + ttl.toMillis(), connection);
            transaction.zremrangeByScore(key, Double.NEGATIVE_INFINITY, now);
            live = transaction.zcard(key);
            transaction.pexpire(key, ttl.toMillis()); // a user nobody refreshes disappears
            transaction.exec();
        }
        return live.get() == 1;
    }
    // end::connected[]

    /**
     * Step 6: a connection of the user closed (or its heartbeat timed out). In one transaction: remove its entry,
     * drop the expired ones, and count what is left. When nothing is left, the user is offline: keep the time,
     * and forget that they were away.
     *
     * @param user       the user
     * @param connection the connection's id
     * @return true if it was the user's last live connection: the user just went offline
     */
    // tag::disconnected[]
    public boolean disconnected(String user, String connection) {
        long now = clock.millis();
        String key = keys.connections(user);
        Response<Long> live;
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.zrem(key, connection);
            transaction.zremrangeByScore(key, Double.NEGATIVE_INFINITY, now);
            live = transaction.zcard(key);
            transaction.exec();
        }
        if (live.get() > 0) {
            return false; // another tab, here or on another server
        }
        redis.set(keys.lastSeen(user), Long.toString(now), SetParams.setParams().px(LAST_SEEN_KEPT.toMillis()));
        redis.del(keys.away(user));
        return true;
    }
    // end::disconnected[]

    /**
     * Step 6: the user says they are away, or back. Away lasts while the user has connections: it expires with
     * them, and {@link #disconnected} clears it.
     *
     * @param user the user
     * @param away true for away, false for back
     * @return true if the user's status changed
     */
    // tag::away[]
    public boolean setAway(String user, boolean away) {
        if (away) {
            return "OK".equals(redis.set(keys.away(user), "1", SetParams.setParams().nx().px(ttl.toMillis())));
        }
        return redis.del(keys.away(user)) == 1;
    }
    // end::away[]

    /**
     * Step 6: the user's status now.
     *
     * @param user the user
     * @return online, away, or offline with the time last seen (null if never seen or forgotten)
     */
    // tag::status[]
    public Status statusOf(String user) {
        long now = clock.millis();
        Response<Long> live;
        Response<Boolean> away;
        Response<String> lastSeen;
        try (AbstractTransaction transaction = redis.multi()) {
            live = transaction.zcount(keys.connections(user), now, Double.POSITIVE_INFINITY);
            away = transaction.exists(keys.away(user));
            lastSeen = transaction.get(keys.lastSeen(user));
            transaction.exec();
        }
        if (live.get() == 0) {
            return new Status(user, Status.OFFLINE, lastSeen.get() == null ? null : Long.valueOf(lastSeen.get()));
        }
        return new Status(user, away.get() ? Status.AWAY : Status.ONLINE, null);
    }
    // end::status[]
}
