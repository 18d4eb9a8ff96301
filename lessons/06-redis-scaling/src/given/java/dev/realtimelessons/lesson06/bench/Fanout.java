package dev.realtimelessons.lesson06.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.client.WholeTextListener;
import dev.realtimelessons.kit.json.Json;
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
 * One fan-out measurement: N receivers join one room on the given servers (round robin), one publisher on the first
 * server publishes M messages, first at a steady rate, then as fast as it can, and each receiver notes how long each
 * message took from the publisher's send to its arrival. Prints one table row per part. Lesson 06's
 * {@link FanoutBenchmark} and lesson 07's benchmark run their set-ups through it, side by side in one run.
 *
 * @param receivers receivers in the room
 * @param messages  messages published per part
 * @param rate      messages per second in the steady part
 */
public record Fanout(int receivers, int messages, int rate) {

    /** Prints what the run measures and the table's header. */
    public void printHeader() {
        System.out.printf("%d receivers in one room, %d messages published at %d per second; Java %s, %d cores%n%n",
                receivers, messages, rate, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| round | set-up | publishing | p50 | p99 | max | deliveries per second |");
        System.out.println("|---|---|---|---|---|---|---|");
    }

    /**
     * Measures one set-up and prints its rows.
     *
     * @param round   the round, printed (the first warms up the JIT)
     * @param name    the set-up, printed
     * @param servers how many servers {@code start} starts
     * @param start   starts the set-up's servers from a configuration: {@link ClusterServer}s or a
     *                {@link HeartbeatServer}; they are closed at the end
     * @throws Exception if a server or a client cannot start
     */
    public void run(int round, String name, int servers, Function<ClusterConfig, List<AutoCloseable>> start)
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
                Histogram latencies = deliveries.latencies();
                long arrived = latencies.getTotalCount();
                System.out.printf("| %d | %s | %s | %s | %s | %s | %,.0f%s |%n", round, name,
                        pace == 0 ? "flat out" : pace + "/s", ms(latencies, 50), ms(latencies, 99),
                        ms(latencies, 100), arrived / seconds,
                        complete ? "" : " (" + arrived + " of " + receivers * messages + " arrived)");
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
        private final int expected;
        private final Histogram latencies = new Histogram(3); // guarded by this
        private CountDownLatch all;

        Deliveries(int expected) {
            this.expected = expected;
            all = new CountDownLatch(expected);
        }

        synchronized void reset() {
            latencies.reset();
            all = new CountDownLatch(expected);
        }

        void arrived(String text) {
            JsonNode message = Json.tree(text);
            if (!message.path("type").asText().equals("message")) {
                return;
            }
            long latency = System.nanoTime() - message.get("data").get("t").asLong();
            CountDownLatch latch;
            synchronized (this) {
                if (latencies.getTotalCount() < expected) {
                    latencies.recordValue(Math.max(0, latency));
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

        /** @return a copy of the latencies recorded since the last {@link #reset()} */
        synchronized Histogram latencies() {
            return latencies.copy();
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

    private static String ms(Histogram latencies, double percentile) {
        if (latencies.getTotalCount() == 0) {
            return "-";
        }
        return String.format("%.2f ms", latencies.getValueAtPercentile(percentile) / 1e6);
    }
}
