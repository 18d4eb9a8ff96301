package dev.realtimelessons.lesson06;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.pool2.PooledObject;

import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * Makes the connections of a server's Redis pool, and tells listeners each time Redis failed one: a connection that
 * could not be made, or one that broke (a timeout, a reset) and is thrown away. Every command of the pool runs on
 * such a connection, so this one place sees the failures that the code catching {@code JedisException} in a dozen
 * places would otherwise each have to report (lesson 09 counts them). A refusal that leaves the connection usable
 * (a script's error, a wrong type) is an answer, not a failure of Redis, and is not reported.
 */
public final class RedisConnections extends ConnectionFactory {

    private final List<Runnable> failures = new CopyOnWriteArrayList<>();

    /**
     * @param address where Redis is
     * @param config  the connections' settings
     */
    public RedisConnections(HostAndPort address, JedisClientConfig config) {
        super(address, config);
    }

    /**
     * Adds a listener of failures. Call before the server starts.
     *
     * @param listener called once per failed connection, on the thread that used it; must not block
     */
    public void onFailure(Runnable listener) {
        failures.add(listener);
    }

    @Override
    public PooledObject<Connection> makeObject() throws Exception {
        try {
            return super.makeObject(); // connects: Redis down fails here, at every attempt
        } catch (Exception e) {
            failures.forEach(Runnable::run);
            throw e;
        }
    }

    @Override
    public void destroyObject(PooledObject<Connection> pooled) throws Exception {
        if (pooled.getObject().isBroken()) { // a command failed on it; idle evictions and the pool's close are not
            failures.forEach(Runnable::run);
        }
        super.destroyObject(pooled);
    }
}
