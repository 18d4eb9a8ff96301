package dev.realtimelessons.lesson01.compare;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.realtimelessons.lesson01.FeedServer;
import dev.realtimelessons.lesson01.FeedServerConfig;
import dev.realtimelessons.lesson01.client.FeedClient;
import dev.realtimelessons.lesson01.client.LongPollingClient;
import dev.realtimelessons.lesson01.client.ShortPollingClient;
import dev.realtimelessons.lesson01.client.SseFeedClient;
import dev.realtimelessons.lesson01.client.WebSocketFeedClient;
import dev.realtimelessons.lesson01.feed.Ticker;

/**
 * Runs one feed through all four techniques at once and measures each: delivery latency, HTTP requests, bytes
 * on the wire each way (through a {@link CountingProxy} per technique) and connections. Prints a table and writes
 * {@code latency.png}, {@code bytes.png} and {@code results.md}.
 *
 * <p>Options (all optional): {@code --rate=10} events per second, {@code --seconds=30} measured after
 * {@code --warm-up=3} seconds that are not measured, {@code --poll-interval=1000} milliseconds between short polls,
 * {@code --out=target/comparison}; {@code --help} lists them. Requests and bytes count the measured window only;
 * connections count the whole run.
 */
@Command(name = "01-compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "One feed through short polling, long polling, SSE and WebSocket at once, measured.")
public final class ComparisonRunner implements Callable<Integer> {

    @Option(names = "--rate", description = "Events per second (default: ${DEFAULT-VALUE}).")
    double rate = 10;

    @Option(names = "--seconds", description = "Seconds measured, after the warm-up (default: ${DEFAULT-VALUE}).")
    int seconds = 30;

    @Option(names = "--warm-up", description = "Seconds not measured, first (default: ${DEFAULT-VALUE}).")
    int warmUp = 3;

    @Option(names = "--poll-interval", description = "Milliseconds between short polls (default: ${DEFAULT-VALUE}).")
    long pollIntervalMillis = 1000;

    @Option(names = "--out", description = "Where the charts and results.md go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("target/comparison");

    /**
     * One technique's figures.
     *
     * @param technique           its name
     * @param delivered           events received, duplicates included
     * @param missing             events published but never received
     * @param duplicates          events received more than once
     * @param p50                 median latency, ms
     * @param p95                 95th percentile latency, ms
     * @param max                 worst latency, ms
     * @param requests            HTTP requests made
     * @param bytesUp             bytes client to server
     * @param bytesDown           bytes server to client
     * @param connectionsOpened   TCP connections opened
     * @param connectionsAtOnce   most TCP connections open at once
     */
    record Row(String technique, int delivered, long missing, long duplicates, double p50, double p95, double max,
               long requests, long bytesUp, long bytesDown, int connectionsOpened, int connectionsAtOnce) {
    }

    private ComparisonRunner() {
    }

    /**
     * Runs the comparison.
     *
     * @param args {@code --rate=}, {@code --seconds=}, {@code --warm-up=}, {@code --poll-interval=}, {@code --out=};
     *             {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = new CommandLine(new ComparisonRunner()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the comparison.
     *
     * @return 0
     * @throws Exception if the server or a proxy cannot start, or the results cannot be written
     */
    @Override
    public Integer call() throws Exception {
        Duration pollInterval = Duration.ofMillis(pollIntervalMillis);
        String setup = String.format("%s events/s for %d s after %d s of warm-up, short poll every %d ms",
                fmt(rate), seconds, warmUp, pollInterval.toMillis());

        Map<String, Function<URI, FeedClient>> techniques = new LinkedHashMap<>();
        techniques.put("short polling", base -> new ShortPollingClient(base, pollInterval));
        techniques.put("long polling", base -> new LongPollingClient(base, Duration.ofSeconds(60)));
        techniques.put("SSE", SseFeedClient::new);
        techniques.put("WebSocket", WebSocketFeedClient::new);

        System.out.println("Comparing the four techniques: " + setup);
        System.out.println("Machine: " + machine());
        List<Row> rows = new ArrayList<>();
        try (FeedServer server = FeedServer.start(FeedServerConfig.forTests())) {
            URI serverUri = server.uri("http", "");
            InetSocketAddress target = new InetSocketAddress(serverUri.getHost(), serverUri.getPort());
            Map<String, CountingProxy> proxies = new HashMap<>();
            Map<String, FeedClient> clients = new HashMap<>();
            Map<String, Latencies> latencies = new HashMap<>();
            for (Map.Entry<String, Function<URI, FeedClient>> technique : techniques.entrySet()) {
                CountingProxy proxy = new CountingProxy(target);
                FeedClient client = technique.getValue().apply(URI.create("http://127.0.0.1:" + proxy.port()));
                Latencies recorded = new Latencies();
                client.start(0, event -> recorded.record(event.id(), (nowMicros() - event.ts()) / 1000.0));
                proxies.put(technique.getKey(), proxy);
                clients.put(technique.getKey(), client);
                latencies.put(technique.getKey(), recorded);
            }

            Map<String, long[]> atWarmUpEnd = new HashMap<>();
            long warmUpLast;
            try (Ticker ticker = new Ticker(server.feed(), rate)) {
                Thread.sleep(warmUp * 1000L);
                warmUpLast = server.feed().latestId();
                for (String technique : techniques.keySet()) {
                    latencies.get(technique).endWarmUp(warmUpLast);
                    CountingProxy proxy = proxies.get(technique);
                    atWarmUpEnd.put(technique, new long[] {
                        clients.get(technique).requests(), proxy.bytesUp(), proxy.bytesDown()});
                }
                Thread.sleep(seconds * 1000L);
            }
            long last = server.feed().latestId();
            awaitLast(latencies.values(), last, pollInterval.plusSeconds(5));

            for (String technique : techniques.keySet()) {
                CountingProxy proxy = proxies.get(technique);
                Latencies recorded = latencies.get(technique);
                long[] before = atWarmUpEnd.get(technique);
                rows.add(new Row(technique, recorded.count(), recorded.missing(last), recorded.duplicates(),
                        recorded.percentile(50), recorded.percentile(95), recorded.percentile(100),
                        clients.get(technique).requests() - before[0], proxy.bytesUp() - before[1],
                        proxy.bytesDown() - before[2], proxy.connectionsOpened(), proxy.maxOpenConnections()));
                clients.get(technique).close();
                proxy.close();
            }
            System.out.printf("%d events published, the last %d measured.%n", last, last - warmUpLast);
        }

        String table = table(rows);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(out);
        ComparisonChart.write(rows, fmt(rate) + " events/s", out);
        Files.writeString(out.resolve("results.md"), "Setup: " + setup + "  \nMachine: " + machine() + "\n\n"
                + table, StandardCharsets.UTF_8);
        System.out.println("Wrote " + out.resolve("latency.png") + ", " + out.resolve("bytes.png") + " and "
                + out.resolve("results.md"));
        return 0;
    }

    private static void awaitLast(Iterable<Latencies> all, long last, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (Latencies recorded : all) {
            while (recorded.lastId() < last && System.nanoTime() < deadline) {
                Thread.sleep(20); // a measurement run waiting for stragglers, bounded by the deadline
            }
        }
    }

    // tag::table[]
    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder(
                "| technique | delivered | missing | duplicates | p50 ms | p95 ms | max ms | HTTP requests "
                        + "| bytes up | bytes down | connections opened | held at once |\n"
                        + "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Row r : rows) {
            table.append(String.format("| %s | %d | %d | %d | %s | %s | %s | %d | %,d | %,d | %d | %d |%n",
                    r.technique(), r.delivered(), r.missing(), r.duplicates(), fmt(r.p50()), fmt(r.p95()),
                    fmt(r.max()), r.requests(), r.bytesUp(), r.bytesDown(), r.connectionsOpened(),
                    r.connectionsAtOnce()));
        }
        return table.toString();
    }
    // end::table[]

    private static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format("%.0f", value) : value >= 10 ? String.format("%.1f", value)
                : String.format("%.2f", value);
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private static String machine() {
        return String.format("%d cores, %s %s, Java %s (%s)", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }
}
