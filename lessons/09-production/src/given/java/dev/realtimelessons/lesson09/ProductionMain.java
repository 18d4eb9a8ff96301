package dev.realtimelessons.lesson09;

import dev.realtimelessons.kit.postgres.LocalPostgres;
import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.lesson06.ClusterMain;
import dev.realtimelessons.lesson08.NotificationsConfig;

/**
 * Runs the service as lesson 08's demo does, with lesson 09's settings from the environment
 * ({@link ProductionConfig#fromEnvironment}): {@code /health}, {@code /ready} and {@code /metrics} on every server.
 */
public final class ProductionMain {

    private ProductionMain() {
    }

    /**
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        NotificationsConfig notifications = NotificationsConfig.fromEnvironment(System.getenv());
        ProductionConfig production = ProductionConfig.fromEnvironment(System.getenv());
        try (LocalPostgres postgres = LocalPostgres.fromEnvironment(System.getenv());
             LocalRedis redis = LocalRedis.fromEnvironment(System.getenv())) {
            PostgresUrl database = postgres.embedded() ? postgres.createDatabase("chat") : postgres.url();
            System.out.println("PostgreSQL: " + postgres + (postgres.embedded() ? ", database chat" : ""));
            System.out.println("Redis:      " + redis);
            ClusterMain.serve((config, uri) -> ProductionServer.start(config, uri, database, notifications,
                    production).cluster(), redis.uri(), "Ask a server how it is: curl http://127.0.0.1:8080/ready");
        }
    }
}
