package dev.realtimelessons.bench.servers;

import java.net.URI;
import java.util.concurrent.CountDownLatch;

import dev.realtimelessons.kit.postgres.LocalPostgres;
import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson08.NotificationsConfig;
import dev.realtimelessons.lesson09.ProductionConfig;
import dev.realtimelessons.lesson09.ProductionServer;

/**
 * One server of lesson 09 (what {@code ProductionMain} starts with {@code NODES=1}, in a process of its own) on the
 * Redis of {@code REDIS_URL}, which the harness starts, and an embedded PostgreSQL this process starts as its child
 * (so that the harness counts its CPU with the server's); {@code ClusterConfig.fromEnvironment}'s variables, with
 * the flood control lifted ({@link BenchFloodControl}). Every publish is stored in PostgreSQL before it is
 * delivered, as lesson 07 does.
 */
public final class Lesson09Server {

    private Lesson09Server() {
    }

    /**
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        String redis = System.getenv("REDIS_URL");
        if (redis == null) {
            throw new IllegalArgumentException("REDIS_URL is required: the Redis this node uses");
        }
        LocalPostgres postgres = LocalPostgres.startEmbedded();
        PostgresUrl database = postgres.createDatabase("bench");
        ClusterConfig config = ClusterConfig.fromEnvironment(System.getenv());
        AuthServerConfig auth = config.auth();
        ProductionServer server = ProductionServer.start(
                config.withNode("node-1").withAuth(auth.withRooms(BenchFloodControl.lifted(auth.rooms()))),
                URI.create(redis), database, NotificationsConfig.defaults().withStreamLimits(0, 0),
                ProductionConfig.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            postgres.close();
        }, "shutdown"));
        System.out.println("lesson 09 (one node) on " + server.uri("ws", "/ws"));
        new CountDownLatch(1).await();
    }
}
