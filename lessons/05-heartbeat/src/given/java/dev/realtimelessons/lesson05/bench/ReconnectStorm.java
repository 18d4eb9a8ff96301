package dev.realtimelessons.lesson05.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.HdrHistogram.Histogram;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.realtimelessons.kit.server.ConnectionLimits;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson05.HeartbeatConfig;
import dev.realtimelessons.lesson05.HeartbeatServer;
import dev.realtimelessons.lesson05.client.Backoff;
import dev.realtimelessons.lesson05.client.ConnectionState;
import dev.realtimelessons.lesson05.client.RealtimeClient;

/**
 * What a server restart looks like to the server: N clients lose their connection at the same moment and come
 * back when the server is up again, after {@code down-ms}. Run twice: backoff without jitter (every client waits
 * exactly the ceiling), then with full jitter. Prints when the clients arrived after the server came back, in
 * 100 ms buckets, the busiest 100 ms, and when the last one was back. Server and clients share this process, on
 * loopback.
 *
 * <p>Options: {@code --clients=200}, {@code --base-ms=250}, {@code --down-ms=2000}; {@code --help} lists them.
 */
@Command(name = "05-storm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "N clients lose their server at once: when they come back, without and with jitter.")
public final class ReconnectStorm implements Callable<Integer> {

    @Option(names = "--clients", description = "Clients (default: ${DEFAULT-VALUE}).")
    int clients = 200;

    @Option(names = "--base-ms", description = "The backoff's base, in milliseconds (default: ${DEFAULT-VALUE}).")
    long baseMs = 250;

    @Option(names = "--down-ms", description = "How long the server stays down, in milliseconds "
            + "(default: ${DEFAULT-VALUE}).")
    long downMs = 2000;

    private ReconnectStorm() {
    }

    /**
     * Runs both storms and prints their figures.
     *
     * @param args {@code --clients=}, {@code --base-ms=}, {@code --down-ms=}; {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = new CommandLine(new ReconnectStorm()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs both storms and prints their figures.
     *
     * @return 0
     * @throws Exception if a server or a client cannot start
     */
    @Override
    public Integer call() throws Exception {
        Duration base = Duration.ofMillis(baseMs);
        Duration down = Duration.ofMillis(downMs);
        System.out.printf("%d clients lose their server at once; it is back %d ms later; backoff base %d ms, cap 30 s"
                + "%n%n", clients, down.toMillis(), base.toMillis());
        storm("no jitter (always the ceiling)", clients, down, () -> new Backoff(base, Duration.ofSeconds(30), 20,
                new Ceiling()));
        storm("full jitter", clients, down, new Supplier<>() {
            private final Random seeds = new Random(42);

            @Override
            public Backoff get() {
                return new Backoff(base, Duration.ofSeconds(30), 20, new Random(seeds.nextLong()));
            }
        });
        return 0;
    }

    private static void storm(String name, int count, Duration down, Supplier<Backoff> backoffs)
            throws Exception {
        AuthServerConfig config = AuthServerConfig.forTests().withRooms(RoomsConfig.forTests()
                .withChat(ChatServerConfig.forTests()
                        .withConnectionLimits(ConnectionLimits.none()))); // all one user, from 127.0.0.1
        HeartbeatServer first = HeartbeatServer.start(config, HeartbeatConfig.defaults());
        int port = first.uri("ws", "/").getPort();
        String token = first.auth().issuer().issue("load", Set.of(), Set.of());
        List<RealtimeClient> clients = new ArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        long[] restart = {Long.MAX_VALUE};
        for (int i = 0; i < count; i++) {
            Backoff backoff = backoffs.get();
            RealtimeClient client = RealtimeClient.builder(first.uri("ws", "/ws"))
                    .header("Authorization", "Bearer " + token).backoff(backoff)
                    .onState((from, to, reason) -> {
                        if (from == ConnectionState.RECONNECTING && to == ConnectionState.CONNECTED) {
                            arrivals.add(System.nanoTime() - restart[0]);
                        }
                    })
                    .build();
            client.connect().get(10, TimeUnit.SECONDS);
            clients.add(client);
        }

        first.close();
        waitUntil(() -> clients.stream().allMatch(c -> c.state() == ConnectionState.RECONNECTING));
        Thread.sleep(down.toMillis()); // the server is down: attempts meanwhile fail and back off further
        restart[0] = System.nanoTime();
        HeartbeatServer second = HeartbeatServer.start(config.withRooms(RoomsConfig.forTests()
                .withChat(ChatServerConfig.forTests().withPort(port))), HeartbeatConfig.defaults());
        waitUntil(() -> arrivals.size() >= count);

        report(name, arrivals);
        clients.forEach(RealtimeClient::close);
        second.close();
    }

    private static void report(String name, List<Long> arrivals) {
        List<Long> millis = new ArrayList<>();
        arrivals.forEach(nanos -> millis.add(TimeUnit.NANOSECONDS.toMillis(nanos)));
        Collections.sort(millis);
        int busiest = 0; // the most arrivals in any 100 ms window
        for (int first = 0, last = 0; last < millis.size(); last++) {
            while (millis.get(last) - millis.get(first) >= 100) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        Histogram backAfter = new Histogram(3); // milliseconds, to 3 significant digits
        millis.forEach(backAfter::recordValue);
        System.out.printf("%s%n  back after: half %d ms, 90%% %d ms, all %d ms%n  busiest 100 ms: %d of %d"
                + " connections (%d%%)%n", name, backAfter.getValueAtPercentile(50),
                backAfter.getValueAtPercentile(90), backAfter.getMaxValue(), busiest, millis.size(),
                100 * busiest / millis.size());
        Map<Long, Integer> buckets = new java.util.TreeMap<>();
        millis.forEach(ms -> buckets.merge(ms / 500, 1, Integer::sum));
        int top = Collections.max(buckets.values());
        buckets.forEach((bucket, n) -> System.out.printf("  %5d-%5d ms %4d %s%n", bucket * 500, bucket * 500 + 499,
                n, "#".repeat(Math.max(1, n * 50 / top))));
        System.out.println();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) { // a benchmark's own loop, bounded: not a test
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after 60 s");
            }
            Thread.sleep(10);
        }
    }

    /** A "random" generator that always draws the top of the range: backoff without jitter. */
    private static final class Ceiling implements RandomGenerator {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    }
}
