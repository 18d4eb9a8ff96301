package dev.realtimelessons.lesson08;

import dev.realtimelessons.kit.postgres.LocalPostgres;
import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.lesson06.ClusterMain;

/**
 * Runs the notification service in one process until Ctrl+C: lesson 07's demo (PostgreSQL and Redis, embedded or
 * from {@code DATABASE_URL} and {@code REDIS_URL}, and {@code NODES} servers from {@code PORT}), with lesson 08's
 * switches and limits from the environment ({@link NotificationsConfig#fromEnvironment}).
 */
public final class NotificationsMain {

    private NotificationsMain() {
    }

    /**
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        NotificationsConfig notifications = NotificationsConfig.fromEnvironment(System.getenv());
        try (LocalPostgres postgres = LocalPostgres.fromEnvironment(System.getenv());
             LocalRedis redis = LocalRedis.fromEnvironment(System.getenv())) {
            PostgresUrl database = postgres.embedded() ? postgres.createDatabase("chat") : postgres.url();
            System.out.println("PostgreSQL: " + postgres + (postgres.embedded() ? ", database chat" : ""));
            System.out.println("Redis:      " + redis);
            ClusterMain.serve((config, uri) -> NotificationsService.start(config, uri, database, notifications),
                    redis.uri(), "Notify a user: curl -X POST -H 'X-API-Key: <key>' -d '{\"type\":\"info\","
                            + "\"title\":\"Hello\"}' http://127.0.0.1:8080/api/notify/ada, and watch it arrive on "
                            + "the page, over SSE and WebSocket, whichever server the tab is on.");
        }
    }
}
