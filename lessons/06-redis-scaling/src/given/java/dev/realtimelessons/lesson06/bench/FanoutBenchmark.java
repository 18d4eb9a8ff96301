package dev.realtimelessons.lesson06.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.client.WholeTextListener;
import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.kit.server.ConnectionLimits;
import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson04.TokenIssuer;
import dev.realtimelessons.lesson05.HeartbeatConfig;
import dev.realtimelessons.lesson05.HeartbeatServer;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;

/**
 * Cross-server fan-out: one client publishes into a room with N receivers, first at a steady rate, then as fast as
 * it can, and each receiver notes how long each message took from the publisher's send to its arrival. Three set-ups, in one run:
 * lesson 05's server alone (no Redis), one server of the cluster (numbering in Redis), and two servers with the
 * receivers split between them and the publisher on the first. Each runs twice; the first round warms up the JIT.
 * Servers, Redis (embedded, or {@code REDIS_URL}) and clients share this machine, on loopback.
 *
 * <p>Options: {@code --receivers=200}, {@code --messages=400}, {@code --rate=200} (messages per second, for the
 * steady part).
 */
public final class FanoutBenchmark {

    private final int receivers;
    private final int messages;
    private final int rate;

    private FanoutBenchmark(int receivers, int messages, int rate) {
        this.receivers = receivers;
        this.messages = messages;
        this.rate = rate;
    }

    /**
     * Runs the set-ups and prints a table.
     *
     * @param args {@code --receivers=}, {@code --messages=}, {@code --rate=}
     * @throws Exception if a server or a client cannot start
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        FanoutBenchmark bench = new FanoutBenchmark(Integer.parseInt(options.getOrDefault("receivers", "200")),
                Integer.parseInt(options.getOrDefault("messages", "400")),
                Integer.parseInt(options.getOrDefault("rate", "200")));
        System.out.printf("%d receivers in one room, %d messages published at %d per second; Java %s, %d cores%n%n",
                bench.receivers, bench.messages, bench.rate, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| round | set-up | publishing | p50 | p99 | max | deliveries per second |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (LocalRedis redis = LocalRedis.fromEnvironment(System.getenv())) {
            for (int round = 1; round <= 2; round++) {
                bench.run(round, "lesson 05 server alone (no Redis)", 1, config -> List.of(
                        HeartbeatServer.start(config.auth(), config.heartbeat())));
                bench.run(round, "1 cluster server + Redis", 1, config -> List.of(
                        ClusterServer.start(config, redis.uri())));
                bench.run(round, "2 cluster servers + Redis", 2, config -> List.of(
                        ClusterServer.start(config.withNode("bench-1"), redis.uri()),
                        ClusterServer.start(config.withNode("bench-2"), redis.uri())));
            }
        }
    }

    private void run(int round, String name, int servers, Function<ClusterConfig, List<AutoCloseable>> start)
            throws Exception {
        AuthServerConfig auth = AuthServerConfig.forTests()
                .withRooms(RoomsConfig.forTests().withFloodControl(10_000, 10_000, 10_000)
                        .withChat(ChatServerConfig.forTests()
                                .withConnectionLimits(ConnectionLimits.none()))); // every client from 127.0.0.1
        ClusterConfig config = ClusterConfig.forTests(auth, "bench-" + System.nanoTime() + ":")
                .withHeartbeat(HeartbeatConfig.defaults());
        List<AutoCloseable> started = start.apply(config);
        List<URI> uris = new ArrayList<>();
        TokenIssuer issuer = null;
        for (AutoCloseable server : started) {
            if (server instanceof ClusterServer node) {
                uris.add(node.uri("ws", "/ws"));
                issuer = node.heartbeat().auth().issuer();
            } else if (server instanceof HeartbeatServer alone) {
                uris.add(alone.uri("ws", "/ws"));
                issuer = alone.auth().issuer();
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        Deliveries deliveries = new Deliveries(receivers * messages);
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < receivers; i++) {
                sockets.add(join(http, uris.get(i % servers), issuer.issue("r" + i, Set.of(), Set.of()),
                        deliveries::arrived));
            }
            WebSocket publisher = join(http, uris.get(0), issuer.issue("publisher", Set.of(), Set.of()), text -> { });
            sockets.add(publisher);
            for (int pace : new int[] {rate, 0}) {
                deliveries.reset();
                long began = System.nanoTime();
                long interval = pace == 0 ? 0 : 1_000_000_000L / pace;
                for (int i = 0; i < messages; i++) {
                    LockSupport.parkNanos(began + i * interval - System.nanoTime());
                    publisher.sendText("{\"type\":\"publish\",\"room\":\"bench\",\"exclude_self\":true,"
                            + "\"data\":{\"t\":" + System.nanoTime() + "}}", true).join();
                }
                boolean complete = deliveries.await(Duration.ofSeconds(60));
                double seconds = (System.nanoTime() - began) / 1e9;
                long[] sorted = deliveries.sorted();
                System.out.printf("| %d | %s | %s | %s | %s | %s | %,.0f%s |%n", round, name,
                        pace == 0 ? "flat out" : pace + "/s", ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 1.0),
                        sorted.length / seconds,
                        complete ? "" : " (" + sorted.length + " of " + receivers * messages + " arrived)");
            }
        } finally {
            for (WebSocket socket : sockets) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
            awaitDisconnected(started);
            for (AutoCloseable server : started) {
                server.close();
            }
        }
    }

    /** Lets the servers see every close before they stop, so no session outlives its server's timers. */
    private static void awaitDisconnected(List<AutoCloseable> servers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (AutoCloseable server : servers) {
            ChatApp app = server instanceof ClusterServer node ? node.app()
                    : ((HeartbeatServer) server).app();
            while (app.connections().stats().connections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // a benchmark's bounded wait, not a test
            }
        }
    }

    /** Latencies of the room messages the receivers got, in nanoseconds. */
    private static final class Deliveries {
        private final long[] latencies;
        private int count;
        private CountDownLatch all;

        Deliveries(int expected) {
            latencies = new long[expected];
            all = new CountDownLatch(expected);
        }

        synchronized void reset() {
            count = 0;
            all = new CountDownLatch(latencies.length);
        }

        void arrived(String text) {
            JsonNode message = Json.tree(text);
            if (!message.path("type").asText().equals("message")) {
                return;
            }
            long latency = System.nanoTime() - message.get("data").get("t").asLong();
            CountDownLatch latch;
            synchronized (this) {
                if (count < latencies.length) {
                    latencies[count++] = latency;
                }
                latch = all;
            }
            latch.countDown();
        }

        boolean await(Duration timeout) throws InterruptedException {
            CountDownLatch latch;
            synchronized (this) {
                latch = all;
            }
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized long[] sorted() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    private static WebSocket join(HttpClient http, URI uri, String token, Consumer<String> onText)
            throws Exception {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(uri, new WholeTextListener(text -> {
                    if (text.contains("\"type\":\"ack\"")) {
                        acked.complete(null);
                    }
                    onText.accept(text);
                })).join();
        socket.sendText("{\"type\":\"join\",\"room\":\"bench\"}", true).join();
        acked.get(10, TimeUnit.SECONDS);
        return socket;
    }

    private static String ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
        return String.format("%.2f ms", sorted[Math.max(0, index)] / 1e6);
    }
}
