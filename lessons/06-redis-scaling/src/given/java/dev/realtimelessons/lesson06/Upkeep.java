package dev.realtimelessons.lesson06;

import java.util.concurrent.atomic.AtomicBoolean;

import redis.clients.jedis.exceptions.JedisException;

/**
 * Keeps this server's entries in Redis alive: its presence and its figures, refreshed every third of their TTL by
 * the shared scheduler, and the figures again when connections come and go. The scheduler only hands the work to a
 * room worker: a Redis round trip may wait up to its timeout, and must not hold up heartbeats and expiries.
 */
final class Upkeep {

    private static final System.Logger LOG = System.getLogger(Upkeep.class.getName());
    private static final String WORKER = "cluster-upkeep";

    private final RoomWorkers workers;
    private final RedisPresence presence;
    private final ClusterStats stats;
    private final AtomicBoolean statsQueued = new AtomicBoolean();

    Upkeep(RoomWorkers workers, RedisPresence presence, ClusterStats stats) {
        this.workers = workers;
        this.presence = presence;
        this.stats = stats;
    }

    /** Refreshes presence and figures, on a worker. */
    void refresh() {
        workers.of(WORKER).execute(() -> run(true));
    }

    /** A connection came or went: a burst of them queues one write of the figures, not one each. */
    void statsChanged() {
        if (statsQueued.compareAndSet(false, true)) {
            workers.of(WORKER).execute(() -> {
                statsQueued.set(false);
                run(false);
            });
        }
    }

    private void run(boolean withPresence) {
        try {
            if (withPresence) {
                presence.refresh();
            }
            stats.publish();
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.DEBUG, "upkeep failed (Redis unreachable?): {0}", e.toString());
        }
    }
}
