package dev.realtimelessons.lesson09;

import java.net.URI;
import java.time.Clock;

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
        return new ProductionServer(ClusterServer.start(config, redis, extension), extension);
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

    @Override
    public void close() {
        cluster.close();
    }
}
