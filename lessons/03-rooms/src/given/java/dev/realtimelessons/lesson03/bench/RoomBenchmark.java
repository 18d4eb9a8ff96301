package dev.realtimelessons.lesson03.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
 * <p>Options: {@code --clients=1000}, {@code --rate=20} messages per second, {@code --seconds=10};
 * {@code --help} lists them.
 */
@Command(name = "03-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Delivery latency and throughput of one room with N clients and one publisher.")
public final class RoomBenchmark implements Callable<Integer> {

    @Option(names = "--clients", description = "Clients in the room (default: ${DEFAULT-VALUE}).")
    int clients = 1000;

    @Option(names = "--rate", description = "Messages per second the publisher sends (default: ${DEFAULT-VALUE}).")
    double rate = 20;

    @Option(names = "--seconds", description = "How long the publisher sends (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    private RoomBenchmark() {
    }

    /**
     * Runs the benchmark and prints its figures.
     *
     * @param args {@code --clients=}, {@code --rate=}, {@code --seconds=}; {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = new CommandLine(new RoomBenchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the benchmark and prints its figures.
     *
     * @return 0
     * @throws Exception if the server or a client cannot start
     */
    @Override
    public Integer call() throws Exception {
        int messages = (int) Math.round(rate * seconds);

        RoomsConfig config = RoomsConfig.forTests()
                .withChat(ChatServerConfig.forTests().withOutboxCapacity(1_024)
                        .withConnectionLimits(ConnectionLimits.none())) // every client comes from 127.0.0.1
                .withHistorySize(0)
                .withFloodControl(1_000_000, 1_000_000, Integer.MAX_VALUE); // the publisher must not be limited
        Histogram latencies = new ConcurrentHistogram(3); // nanoseconds, recorded by many listener threads
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
            System.out.println();
            System.out.println("| clients | messages | deliveries | lost | deliveries/s | p50 ms | p99 ms | max ms |");
            System.out.println("|--:|--:|--:|--:|--:|--:|--:|--:|");
            System.out.printf("| %,d | %,d | %,d | %,d | %,.0f | %.2f | %.2f | %.2f |%n", clients, messages, count,
                    expected - count, count / elapsed, millis(latencies, 50), millis(latencies, 99),
                    millis(latencies, 100));
            sockets.forEach(WebSocket::abort);
            publisher.abort();
            long closing = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.app().connections().stats().connections() > 0 && System.nanoTime() < closing) {
                TimeUnit.MILLISECONDS.sleep(20); // let the server see every client go before it stops
            }
        }
        return 0;
    }

    private static double millis(Histogram latencies, double percentile) {
        return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1e6;
    }

    /** One client: counts its join's ack, and records the latency of every room message. */
    private static final class Receiver extends WholeTextListener {

        Receiver(Histogram latencies, AtomicInteger delivered, CountDownLatch joined) {
            super(text -> {
                long now = System.nanoTime();
                JsonNode message = Json.tree(text);
                String type = message.get("type").asText();
                if ("message".equals(type)) {
                    latencies.recordValue(Math.max(0, now - message.get("data").get("sent").asLong()));
                    delivered.incrementAndGet();
                } else if ("ack".equals(type)) {
                    joined.countDown();
                }
            });
        }
    }
}
