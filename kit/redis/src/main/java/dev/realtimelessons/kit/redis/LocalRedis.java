package dev.realtimelessons.kit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

/**
 * The Redis a lesson talks to: the one named by {@code REDIS_URL} when it is set, otherwise a real redis-server
 * started here from a jar (embedded-redis), on 127.0.0.1 and a free port, without persistence. No install step
 * either way.
 *
 * <pre>{@code
 * try (LocalRedis redis = LocalRedis.fromEnvironment(System.getenv())) {
 *     try (Jedis jedis = redis.connect()) { jedis.ping(); }
 * }
 * }</pre>
 *
 * <p>An embedded one can be stopped and started again on the same port, which is how the lessons' fault tests
 * restart Redis under running servers. {@link #close()} stops an embedded Redis; it leaves one from
 * {@code REDIS_URL} alone.
 */
public final class LocalRedis implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalRedis.class.getName());

    private final URI uri;
    private final RedisServer embedded;

    private LocalRedis(URI uri, RedisServer embedded) {
        this.uri = uri;
        this.embedded = embedded;
    }

    /**
     * The Redis of {@code REDIS_URL} if the environment sets it, else an embedded one.
     *
     * @param env the environment
     * @return the Redis, running
     */
    public static LocalRedis fromEnvironment(Map<String, String> env) {
        String url = env.get("REDIS_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.trim());
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("REDIS_URL must look like redis://host:port, got " + url);
            }
            return new LocalRedis(uri, null);
        }
        return startEmbedded();
    }

    /**
     * Starts an embedded redis-server on 127.0.0.1 and a free port: no snapshots, no append-only file.
     *
     * @return the Redis, running
     * @throws UncheckedIOException if it cannot start
     */
    public static LocalRedis startEmbedded() {
        int port = freePort();
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")      // a lesson's data lives as long as the process
                    .setting("appendonly no")
                    .build();
            server.start();
            LOG.log(System.Logger.Level.DEBUG, "embedded redis-server on port {0}", port);
            return new LocalRedis(URI.create("redis://127.0.0.1:" + port), server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded redis-server on port " + port, e);
        }
    }

    /** @return where it listens, for example {@code redis://127.0.0.1:6379} */
    public URI uri() {
        return uri;
    }

    /** @return the host and port, as Jedis takes them */
    public HostAndPort hostAndPort() {
        return new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    /** @return true when this process started it (false: it came from {@code REDIS_URL}) */
    public boolean embedded() {
        return embedded != null;
    }

    /**
     * Opens a connection; the caller closes it.
     *
     * @return a Jedis connection
     */
    public Jedis connect() {
        return new Jedis(uri);
    }

    /**
     * Stops an embedded Redis, keeping its port, as a crash would (its data is gone).
     *
     * @throws IllegalStateException for a Redis from {@code REDIS_URL}, which is not this process's to stop
     */
    public void stop() {
        try {
            requireEmbedded().stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a stopped embedded Redis again, on the same port, empty.
     *
     * @throws IllegalStateException for a Redis from {@code REDIS_URL}
     */
    public void start() {
        try {
            requireEmbedded().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether an embedded Redis is running; a Redis from {@code REDIS_URL} counts as running */
    public boolean running() {
        return embedded == null || embedded.isActive();
    }

    @Override
    public void close() {
        if (embedded != null && embedded.isActive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return (embedded() ? "embedded Redis at " : "Redis from REDIS_URL at ") + uri.getHost() + ":" + uri.getPort();
    }

    private RedisServer requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("this Redis came from REDIS_URL: only an embedded one can be stopped"
                    + " and started");
        }
        return embedded;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
