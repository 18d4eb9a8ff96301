package dev.realtimelessons.lesson06;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson04.AuthServerConfig;

/**
 * Runs a cluster in one process until Ctrl+C: Redis (embedded, or {@code REDIS_URL}) and {@code NODES} servers
 * (default 2) on {@code PORT}, {@code PORT + 1}, … (default 8080). Every server gets the same JWT key. The other
 * variables: {@link ClusterConfig#fromEnvironment}.
 */
public final class ClusterMain {

    private ClusterMain() {
    }

    /**
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        try (LocalRedis redis = LocalRedis.fromEnvironment(System.getenv())) {
            System.out.println("Redis:      " + redis);
            serve(ClusterServer::start, redis.uri(),
                    "Open the chat page of each server and join the same room: both show every message.");
        }
    }

    /**
     * Starts {@code NODES} servers of one cluster, prints where they are, and runs until Ctrl+C (lesson 07's demo
     * starts its servers this way too).
     *
     * @param start starts one server from its configuration and Redis
     * @param redis where Redis is
     * @param hint  a line to print once every server runs
     * @throws InterruptedException when interrupted
     */
    public static void serve(BiFunction<ClusterConfig, URI, ClusterServer> start, URI redis, String hint)
            throws InterruptedException {
        ClusterConfig config = ClusterConfig.fromEnvironment(System.getenv());
        int count = Integer.parseInt(System.getenv().getOrDefault("NODES", "2"));
        AuthServerConfig auth = config.auth();
        ChatServerConfig chat = auth.rooms().chat();
        List<ClusterServer> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RoomsConfig rooms = auth.rooms().withChat(chat.withPort(chat.port() + i));
            ClusterServer node = start.apply(config.withNode("node-" + (i + 1)).withAuth(auth.withRooms(rooms)), redis);
            nodes.add(node);
            System.out.println(node.node() + ":     " + node.uri("http", "/") + "   " + node.uri("ws", "/ws"));
        }
        System.out.println(hint);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(ClusterServer::close)));
        Thread.currentThread().join();
    }
}
