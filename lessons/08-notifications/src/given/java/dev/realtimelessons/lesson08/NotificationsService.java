package dev.realtimelessons.lesson08;

import java.net.URI;
import java.time.Clock;

import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson07.ChatExtension;
import dev.realtimelessons.lesson07.ChatService;
import dev.realtimelessons.lesson07.Database;

/** Starts one server of the notification service: lesson 07's chat service, with inboxes and event streams. */
public final class NotificationsService {

    private NotificationsService() {
    }

    /**
     * Starts a server.
     *
     * @param config        lesson 06's configuration
     * @param redis         where Redis is
     * @param database      where the database is; its schema is migrated first
     * @param notifications the transports' switches and limits
     * @return the running server
     */
    // tag::start[]
    public static ClusterServer start(ClusterConfig config, URI redis, PostgresUrl database,
                                      NotificationsConfig notifications) {
        Database db = Database.open(database, ChatService.POOL_SIZE);
        ChatExtension chat = new ChatExtension(db, Clock.systemUTC());
        return ClusterServer.start(config, redis, new NotificationsExtension(chat, notifications));
    }
    // end::start[]
}
