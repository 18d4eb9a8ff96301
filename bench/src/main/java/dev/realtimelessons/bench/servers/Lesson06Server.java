package dev.realtimelessons.bench.servers;

import java.net.URI;
import java.util.concurrent.CountDownLatch;

import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;

/**
 * One server of lesson 06's cluster (what {@code ClusterMain} starts with {@code NODES=1}, but in a process of its
 * own) on the Redis of {@code REDIS_URL}, which the harness starts; {@code ClusterConfig.fromEnvironment}'s
 * variables, with the flood control lifted ({@link BenchFloodControl}).
 */
public final class Lesson06Server {

    private Lesson06Server() {
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
        ClusterConfig config = ClusterConfig.fromEnvironment(System.getenv());
        AuthServerConfig auth = config.auth();
        ClusterServer server = ClusterServer.start(
                config.withNode("node-1").withAuth(auth.withRooms(BenchFloodControl.lifted(auth.rooms()))),
                URI.create(redis));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.println("lesson 06 (one node) on " + server.uri("ws", "/ws"));
        new CountDownLatch(1).await();
    }
}
