package dev.realtimelessons.lesson09;

import java.sql.Connection;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import redis.clients.jedis.JedisPooled;

import dev.realtimelessons.lesson04.AdminApi;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson06.SharedHistory;
import dev.realtimelessons.lesson07.Database;
import dev.realtimelessons.lesson08.NotificationsExtension;

/**
 * What lesson 09 adds to lesson 08's service so that a team can run it: {@code /health} and {@code /ready}, the
 * drain of a stopping server, metrics, and presence that stays cheap in large rooms.
 */
public final class ProductionExtension implements ClusterServer.Extension {

    private final NotificationsExtension notifications;
    private final ProductionConfig config;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Drainer drainer;

    /**
     * @param notifications lesson 08's extension, which this one wraps
     * @param config        lesson 09's settings
     */
    public ProductionExtension(NotificationsExtension notifications, ProductionConfig config) {
        this.notifications = notifications;
        this.config = config;
        this.drainer = new Drainer(config, this::startDraining); // routes need it before the server runs
    }

    @Override
    public SharedHistory history(JedisPooled redis, ClusterConfig config) {
        return notifications.history(redis, config);
    }

    // tag::install[]
    @Override
    public void install(ClusterServer.Parts server) {
        notifications.install(server);
        LargeRooms.install(server, config); // presence counted, not announced, above config.largeRoom() members
        server.http().compression(config.compression()); // WS_COMPRESSION: permessage-deflate, off by default
        Database database = notifications.chat().database();
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("redis", () -> server.redis().ping());
        probes.put("database", () -> {
            try (Connection connection = database.connection()) {
                if (!connection.isValid(1)) {
                    throw new IllegalStateException("the connection did not answer within 1 s");
                }
            }
        });
        Readiness readiness = new Readiness(probes, draining::get);
        server.http().http("/health", new HealthApi(null)).http("/ready", new HealthApi(readiness));
        Metrics.install(server, database, notifications.streams(), Clock.systemUTC());
        server.http().http("/sse", new RefuseWhileDraining(server.http().handlerAt("/sse"), draining::get,
                        server.app().config().connectionLimits().retryAfter())) // as a WebSocket upgrade is
                .http("/api/drain", new AdminApi(new DrainApi(drainer, config), server.authenticator(),
                        server.auth()));
    }
    // end::install[]

    /** @return the settings */
    public ProductionConfig config() {
        return config;
    }

    /** @return lesson 08's extension */
    public NotificationsExtension notifications() {
        return notifications;
    }

    /** @return whether this server is draining: {@code /ready} then says 503, and nothing new is accepted */
    public boolean draining() {
        return draining.get();
    }

    /** @return this server's drain */
    Drainer drainer() {
        return drainer;
    }

    /** Marks this server as draining: {@code /ready} says 503 from now on. */
    void startDraining() {
        draining.set(true);
    }

    @Override
    public void close() {
        notifications.close();
    }
}
