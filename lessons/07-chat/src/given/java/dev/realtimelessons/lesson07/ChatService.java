package dev.realtimelessons.lesson07;

import java.net.URI;
import java.time.Clock;

import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;

/**
 * Starts one server of the chat service: lesson 06's cluster server, with its messages in PostgreSQL.
 */
public final class ChatService {

    /** Connections per server to the database: the room workers' work, and the joins' reads. */
    public static final int POOL_SIZE = 8;

    private ChatService() {
    }

    /**
     * Starts a server.
     *
     * @param config   lesson 06's configuration
     * @param redis    where Redis is
     * @param database where the database is; its schema is migrated first
     * @return the running server
     */
    // tag::start[]
    public static ClusterServer start(ClusterConfig config, URI redis, PostgresUrl database) {
        Database db = Database.open(database, POOL_SIZE); // Flyway brings the schema up to date first
        return ClusterServer.start(config, redis, new ChatExtension(db, Clock.systemUTC()));
    }
    // end::start[]
}
