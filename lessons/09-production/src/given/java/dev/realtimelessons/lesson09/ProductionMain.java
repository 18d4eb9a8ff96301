package dev.realtimelessons.lesson09;

import java.util.ArrayList;
import java.util.List;

import dev.realtimelessons.kit.postgres.LocalPostgres;
import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson08.NotificationsConfig;

/**
 * Runs the service as lesson 08's demo does ({@code NODES} servers on {@code PORT}, {@code PORT + 1}, …), with
 * lesson 09's settings from the environment ({@link ProductionConfig#fromEnvironment}): {@code /health},
 * {@code /ready} and {@code /metrics} on every server.
 *
 * <p>Stopping: {@code kill -TERM <pid>} (what {@code docker stop}, Kubernetes and systemd send first) and Ctrl+C run
 * the JVM's shutdown hooks, and this one drains every server ({@link ProductionServer#drain()}: clients moved away
 * in batches over {@code DRAIN_WINDOW_SECONDS}) before it closes them. Give the process that long and a few
 * seconds more before the {@code kill -9} that follows (Kubernetes' {@code terminationGracePeriodSeconds}, docker's
 * {@code --time}): {@code kill -9} (SIGKILL) runs no hook at all, and every client then finds its connection
 * broken without a word, and reconnects on its own backoff, all at about the same moment.
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
            ClusterConfig config = ClusterConfig.fromEnvironment(System.getenv());
            int count = Integer.parseInt(System.getenv().getOrDefault("NODES", "2"));
            AuthServerConfig auth = config.auth();
            ChatServerConfig chat = auth.rooms().chat();
            List<ProductionServer> nodes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RoomsConfig rooms = auth.rooms().withChat(chat.withPort(chat.port() + i));
                ProductionServer node = ProductionServer.start(config.withNode("node-" + (i + 1))
                        .withAuth(auth.withRooms(rooms)), redis.uri(), database, notifications, production);
                nodes.add(node);
                System.out.println(node.cluster().node() + ":     " + node.uri("http", "/") + "   "
                        + node.uri("ws", "/ws"));
            }
            System.out.println("Ask a server how it is: curl http://127.0.0.1:" + chat.port() + "/ready");
            System.out.println("Stop with kill -TERM " + ProcessHandle.current().pid() + " (or Ctrl+C): every server"
                    + " drains over " + production.drainWindow().toSeconds() + " s first");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drainThenClose(nodes), "drain"));
            Thread.currentThread().join();
        }
    }

    // tag::sigterm[]
    /** The shutdown hook: every server drains at once (one thread each), then each closes. */
    private static void drainThenClose(List<ProductionServer> nodes) {
        List<Thread> drains = new ArrayList<>();
        for (ProductionServer node : nodes) {
            Thread drain = new Thread(() -> {
                try {
                    node.drain(); // bounded: the window and a grace
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    node.close();
                }
            }, "drain-" + node.cluster().node());
            drain.start();
            drains.add(drain);
        }
        for (Thread drain : drains) {
            try {
                drain.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
    // end::sigterm[]
}
