package dev.realtimelessons.lesson03.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.client.WholeTextListener;
import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.server.ConnectionLimits;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson03.RoomsServer;

/**
 * N clients in one room, one publisher at a fixed rate: delivery latency (p50, p99, max), deliveries per second,
 * and messages lost. Server and clients share this process and its cores, on loopback; the figures measure the
 * whole path, client parsing included.
 *
 * <p>Options: {@code --clients=1000}, {@code --rate=20} messages per second, {@code --seconds=10}.
 */
public final class RoomBenchmark {

    private RoomBenchmark() {
    }

    /**
     * Runs the benchmark and prints its figures.
     *
     * @param args {@code --clients=}, {@code --rate=}, {@code --seconds=}
     * @throws Exception if the server or a client cannot start
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int clients = Integer.parseInt(options.getOrDefault("clients", "1000"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "20"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int messages = (int) Math.round(rate * seconds);

        RoomsConfig config = RoomsConfig.forTests()
                .withChat(ChatServerConfig.forTests().withOutboxCapacity(1_024)
                        .withConnectionLimits(ConnectionLimits.none())) // every client comes from 127.0.0.1
                .withHistorySize(0)
                .withFloodControl(1_000_000, 1_000_000, Integer.MAX_VALUE); // the publisher must not be limited
        long[] latencies = new long[clients * messages];
        AtomicInteger delivered = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        System.out.printf("%d clients in one room, %s messages/s for %d s (%d messages, %,d deliveries expected)%n",
                clients, rate, seconds, messages, (long) clients * messages);
        System.out.printf("Machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        try (RoomsServer server = RoomsServer.start(config)) {
            CountDownLatch joined = new CountDownLatch(clients);
            List<WebSocket> sockets = new ArrayList<>();
            long connectStart = System.nanoTime();
            List<CompletableFuture<WebSocket>> connecting = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                connecting.add(http.newWebSocketBuilder()
                        .buildAsync(server.uri("ws", "/ws?user=u" + i), new Receiver(latencies, delivered, joined)));
            }
            for (CompletableFuture<WebSocket> future : connecting) {
                WebSocket socket = future.get(60, TimeUnit.SECONDS);
                socket.sendText("{\"type\":\"join\",\"id\":1,\"room\":\"bench\"}", true);
                sockets.add(socket);
            }
            if (!joined.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(joined.getCount() + " clients did not join in time");
            }
            System.out.printf("%d clients connected and joined in %d ms%n", clients,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectStart));

            WebSocket publisher = http.newWebSocketBuilder()
                    .buildAsync(server.uri("ws", "/ws?user=publisher"), new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            publisher.sendText("{\"type\":\"join\",\"room\":\"bench\"}", true).get(5, TimeUnit.SECONDS);
            long start = System.nanoTime();
            long period = Math.round(1e9 / rate);
            for (int i = 0; i < messages; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // the publisher's fixed rate
                }
                publisher.sendText("{\"type\":\"publish\",\"room\":\"bench\",\"exclude_self\":true,\"data\":{\"sent\":"
                        + System.nanoTime() + "}}", true).get(5, TimeUnit.SECONDS);
            }
            long expected = (long) clients * messages;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (delivered.get() < expected && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20); // stragglers, bounded by the deadline
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            int count = delivered.get();
            long[] measured = Arrays.copyOf(latencies, Math.min(count, latencies.length));
            Arrays.sort(measured);
            System.out.println();
            System.out.println("| clients | messages | deliveries | lost | deliveries/s | p50 ms | p99 ms | max ms |");
            System.out.println("|--:|--:|--:|--:|--:|--:|--:|--:|");
            System.out.printf("| %,d | %,d | %,d | %,d | %,.0f | %.2f | %.2f | %.2f |%n", clients, messages, count,
                    expected - count, count / elapsed, millis(measured, 50), millis(measured, 99),
                    millis(measured, 100));
            sockets.forEach(WebSocket::abort);
            publisher.abort();
            long closing = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.app().connections().stats().connections() > 0 && System.nanoTime() < closing) {
                TimeUnit.MILLISECONDS.sleep(20); // let the server see every client go before it stops
            }
        }
    }

    private static double millis(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** One client: counts its join's ack, and records the latency of every room message. */
    private static final class Receiver extends WholeTextListener {

        Receiver(long[] latencies, AtomicInteger delivered, CountDownLatch joined) {
            super(text -> {
                long now = System.nanoTime();
                JsonNode message = Json.tree(text);
                String type = message.get("type").asText();
                if ("message".equals(type)) {
                    int slot = delivered.getAndIncrement();
                    if (slot < latencies.length) {
                        latencies[slot] = now - message.get("data").get("sent").asLong();
                    }
                } else if ("ack".equals(type)) {
                    joined.countDown();
                }
            });
        }
    }
}
