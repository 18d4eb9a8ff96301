package dev.realtimelessons.lesson09;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson07.ChatExtension;
import dev.realtimelessons.lesson07.ChatService;
import dev.realtimelessons.lesson07.Database;
import dev.realtimelessons.lesson08.NotificationsConfig;
import dev.realtimelessons.lesson08.NotificationsExtension;

/**
 * One server of the service as it runs in production: lesson 08's, with lesson 09's extension, and a drain.
 */
public final class ProductionServer implements AutoCloseable {

    private final ClusterServer cluster;
    private final ProductionExtension extension;

    private ProductionServer(ClusterServer cluster, ProductionExtension extension) {
        this.cluster = cluster;
        this.extension = extension;
    }

    /**
     * Starts a server.
     *
     * @param config        lesson 06's configuration
     * @param redis         where Redis is
     * @param database      where the database is; its schema is migrated first
     * @param notifications lesson 08's switches and limits
     * @param production    lesson 09's settings
     * @return the running server
     */
    // tag::start[]
    public static ProductionServer start(ClusterConfig config, URI redis, PostgresUrl database,
                                         NotificationsConfig notifications, ProductionConfig production) {
        Database db = Database.open(database, ChatService.POOL_SIZE);
        ChatExtension chat = new ChatExtension(db, Clock.systemUTC());
        ProductionExtension extension = new ProductionExtension(new NotificationsExtension(chat, notifications),
                production);
        ClusterServer cluster = ClusterServer.start(config, redis, extension);
        extension.drainer().serve(cluster.chat(), extension.notifications().streams());
        return new ProductionServer(cluster, extension);
    }
    // end::start[]

    /** @return lesson 06's server underneath */
    public ClusterServer cluster() {
        return cluster;
    }

    /** @return lesson 09's extension */
    public ProductionExtension extension() {
        return extension;
    }

    /**
     * @param scheme       {@code http} or {@code ws}
     * @param pathAndQuery for example {@code /ready}
     * @return the URI
     */
    public URI uri(String scheme, String pathAndQuery) {
        return cluster.uri(scheme, pathAndQuery);
    }

    /**
     * Drains this server ({@link Drainer}): {@code /ready} says 503, new upgrades and event streams get 503
     * {@code shutting_down} with {@code Retry-After}, and the clients are moved away in the configured batches
     * over the configured window ({@link ProductionConfig#drainWindow()}), each WebSocket client closed with
     * {@value DrainPlan#CLOSE_CODE} and a reconnect hint. Returns when every connection is gone, or at the latest
     * after the window and {@link Drainer#GRACE}; {@link #close()} then stops the server. Called again (or after
     * {@code POST /api/drain}), it waits for the drain already under way.
     *
     * @return true if every connection went within the window and the grace
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean drain() throws InterruptedException {
        Duration bound = extension.config().drainWindow().plus(Drainer.GRACE).plus(Duration.ofSeconds(1));
        try {
            return extension.drainer().start().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) { // the drain runs out by itself: never wait longer
            return false;
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
