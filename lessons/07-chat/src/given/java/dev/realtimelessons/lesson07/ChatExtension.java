package dev.realtimelessons.lesson07;

import java.time.Clock;

import redis.clients.jedis.JedisPooled;

import dev.realtimelessons.lesson04.AdminApi;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson06.SharedHistory;

/**
 * What lesson 07 adds to lesson 06's cluster server: the rooms' messages in PostgreSQL instead of Redis Streams,
 * and the handlers of edits, deletes, read receipts, typing stops and syncs. It closes the database's pool when
 * the server stops.
 */
public final class ChatExtension implements ClusterServer.Extension {

    private final Database database;
    private final MessageStore store;
    private final ReadReceipts receipts;
    private final SyncPages pages;

    /**
     * @param database the database, migrated; closed with the server
     * @param clock    the time messages are stored, edited and deleted at
     */
    public ChatExtension(Database database, Clock clock) {
        this.database = database;
        this.store = new MessageStore(database, clock);
        this.receipts = new ReadReceipts(database);
        this.pages = new SyncPages(database);
    }

    @Override
    public SharedHistory history(JedisPooled redis, ClusterConfig config) {
        return new PostgresHistory(database, store, config.heartbeat().historySize());
    }

    /** The browser page and its client, in place of lesson 03's page. */
    public static final String PAGE = "web/lesson07";

    @Override
    public void install(ClusterServer.Parts server) {
        ChatHandlers.install(server, store, receipts, pages);
        StatusEvents.install(server, new UserStatus(server.redis(), server.config().namespace(),
                server.config().presenceTtl(), Clock.systemUTC()));
        server.http().staticFiles("/", PAGE)
                .http("/api/rooms/*", new AdminApi(new RoomMessagesApi(store, server.delivery(), server.workers()),
                        server.authenticator(), server.auth()));
    }

    /** @return the database, for a later lesson's readiness check */
    public Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
    }
}
