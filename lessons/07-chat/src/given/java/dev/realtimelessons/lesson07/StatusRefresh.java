package dev.realtimelessons.lesson07;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * Keeps this server's connections alive in {@link UserStatus}'s sorted sets: every third of the TTL, their
 * entries and their users' away flags are pushed forward, in one pipeline. A server that crashes stops, and its
 * connections expire a TTL later.
 */
public final class StatusRefresh {

    /**
     * A connection of this server.
     *
     * @param user its user
     * @param id   its id
     */
    public record Local(String user, String id) {
    }

    private final UnifiedJedis redis;
    private final StatusKeys keys;
    private final Duration ttl;
    private final Clock clock;
    private final Supplier<List<Local>> local;

    /**
     * @param redis     a Jedis pool
     * @param namespace a prefix for every key
     * @param ttl       how long an entry lives without a refresh
     * @param clock     the time
     * @param local     this server's connections now
     */
    public StatusRefresh(UnifiedJedis redis, String namespace, Duration ttl, Clock clock,
                         Supplier<List<Local>> local) {
        this.redis = redis;
        this.keys = new StatusKeys(namespace);
        this.ttl = ttl;
        this.clock = clock;
        this.local = local;
    }

    /** Pushes the entries of this server's connections forward. */
    public void refresh() {
        double expiry = clock.millis() + ttl.toMillis();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (Local connection : local.get()) { // XX: only extend; a connection closed meanwhile stays closed
                pipeline.zadd(keys.connections(connection.user()), expiry, connection.id(),
                        ZAddParams.zAddParams().xx());
                pipeline.pexpire(keys.connections(connection.user()), ttl.toMillis());
                pipeline.pexpire(keys.away(connection.user()), ttl.toMillis());
            }
            pipeline.sync();
        }
    }
}
