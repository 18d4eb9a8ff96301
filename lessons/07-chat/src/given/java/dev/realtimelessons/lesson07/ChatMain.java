package dev.realtimelessons.lesson07;

import dev.realtimelessons.kit.postgres.LocalPostgres;
import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterMain;

/**
 * Runs the chat service in one process until Ctrl+C: PostgreSQL (embedded, or {@code DATABASE_URL}), Redis
 * (embedded, or {@code REDIS_URL}) and {@code NODES} servers (default 2) on {@code PORT}, {@code PORT + 1}, …
 * (default 8080). An embedded PostgreSQL gets a database {@code chat}; with {@code DATABASE_URL} the servers use
 * the database it names. The other variables: {@link ClusterConfig#fromEnvironment}.
 */
public final class ChatMain {

    private ChatMain() {
    }

    /**
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        try (LocalPostgres postgres = LocalPostgres.fromEnvironment(System.getenv());
             LocalRedis redis = LocalRedis.fromEnvironment(System.getenv())) {
            PostgresUrl database = postgres.embedded() ? postgres.createDatabase("chat") : postgres.url();
            System.out.println("PostgreSQL: " + postgres + (postgres.embedded() ? ", database chat" : ""));
            System.out.println("Redis:      " + redis);
            ClusterMain.serve((config, uri) -> ChatService.start(config, uri, database), redis.uri(),
                    "Every message is in PostgreSQL before anyone gets it: stop the demo, start it again with the"
                            + " same DATABASE_URL, and the rooms' history is still there.");
        }
    }
}
