package dev.realtimelessons.lesson07;

import java.util.ArrayList;
import java.util.List;

import dev.realtimelessons.kit.postgres.LocalPostgres;
import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;

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
        ClusterConfig config = ClusterConfig.fromEnvironment(System.getenv());
        int count = Integer.parseInt(System.getenv().getOrDefault("NODES", "2"));
        AuthServerConfig auth = config.auth();
        ChatServerConfig chat = auth.rooms().chat();
        List<ClusterServer> nodes = new ArrayList<>();
        try (LocalPostgres postgres = LocalPostgres.fromEnvironment(System.getenv());
             LocalRedis redis = LocalRedis.fromEnvironment(System.getenv())) {
            PostgresUrl database = postgres.embedded() ? postgres.createDatabase("chat") : postgres.url();
            System.out.println("PostgreSQL: " + postgres + (postgres.embedded() ? ", database chat" : ""));
            System.out.println("Redis:      " + redis);
            for (int i = 0; i < count; i++) {
                RoomsConfig rooms = auth.rooms().withChat(chat.withPort(chat.port() + i));
                ClusterServer node = ChatService.start(config.withNode("node-" + (i + 1))
                        .withAuth(auth.withRooms(rooms)), redis.uri(), database);
                nodes.add(node);
                System.out.println(node.node() + ":     " + node.uri("http", "/") + "   " + node.uri("ws", "/ws"));
            }
            System.out.println("Every message is in PostgreSQL before anyone gets it: stop the demo, start it"
                    + " again with the same DATABASE_URL, and the rooms' history is still there.");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(ClusterServer::close)));
            Thread.currentThread().join();
        }
    }
}
