package dev.realtimelessons.lesson09.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.realtimelessons.kit.client.WholeTextListener;
import dev.realtimelessons.kit.postgres.LocalPostgres;
import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.kit.redis.LocalRedis;
import dev.realtimelessons.kit.server.ConnectionLimits;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson04.AuthConfig;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson04.TokenIssuer;
import dev.realtimelessons.lesson05.HeartbeatConfig;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson08.NotificationsConfig;
import dev.realtimelessons.lesson09.ProductionConfig;
import dev.realtimelessons.lesson09.ProductionServer;

/**
 * A join storm: N distinct users (1,000 and 5,000 by default) connect to one lesson 09 server, then all join one
 * room at once. Each N runs twice, on a fresh server: <b>before</b>, with the large-room threshold above N, so every
 * join is announced to every member (about N²/2 {@code joined}, and a {@code members} list per joiner, N²/2 names);
 * and <b>after</b>, with the threshold at {@code --threshold} (100), so that above it a join is counted and told
 * once a period ({@code members_changed}). Measured from the first {@code join} sent:
 * <ul>
 *   <li>the join phase: until every joiner has its {@code ack};</li>
 *   <li>until the last presence message arrived (the server may still be sending them after the last ack);</li>
 *   <li>the presence messages ({@code joined}, {@code left}, {@code members_changed}) and the bytes of those and
 *       of the {@code members} messages, as the clients received them;</li>
 *   <li>the CPU of the server's threads (every thread of this JVM but the clients' and this one).</li>
 * </ul>
 * A run that has not finished after {@code --timeout} stops there and says so, with what it measured by then.
 * PostgreSQL and Redis are embedded (or {@code DATABASE_URL} and {@code REDIS_URL}); the server and its clients share
 * this JVM and machine, on loopback.
 */
@Command(name = "09-joins", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A join storm into one room, with presence announced (before) and counted (after).")
public final class JoinStormBenchmark implements Callable<Integer> {

    private static final String CLIENT_THREADS = "storm-client";
    private static final Duration QUIET = Duration.ofSeconds(2);

    @Option(names = "--users", split = ",", description = "Distinct users joining, one run per number "
            + "(default: ${DEFAULT-VALUE}).")
    List<Integer> users = List.of(1_000, 5_000);

    @Option(names = "--threshold", description = "The large-room threshold of the \"after\" runs "
            + "(default: ${DEFAULT-VALUE}).")
    int threshold = 100;

    @Option(names = "--period-ms", description = "members_changed period of the \"after\" runs "
            + "(default: ${DEFAULT-VALUE}).")
    long periodMillis = 2_000;

    @Option(names = "--timeout", description = "Seconds a run may take from its first join (default: "
            + "${DEFAULT-VALUE}).")
    int timeoutSeconds = 120;

    @Option(names = "--smoke", description = "Tiny sizes for CI: 60 users, threshold 10, 30 s. Proves the benchmark "
            + "runs end to end, not a figure.")
    boolean smoke;

    @Spec
    CommandSpec spec;

    private JoinStormBenchmark() {
    }

    /**
     * Runs every N before and after, and prints the table.
     *
     * @param args {@code --users=1000,5000}, {@code --threshold=}, {@code --timeout=}, {@code --smoke}; {@code --help}
     *             lists them all
     */
    public static void main(String[] args) {
        int code = new CommandLine(new JoinStormBenchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            users = List.of(60);
            threshold = 10;
            periodMillis = 200;
            timeoutSeconds = 30;
        }
        if (users.stream().anyMatch(n -> n < 2) || threshold < 1 || timeoutSeconds < 1 || periodMillis < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "at least 2 users, a threshold and a "
                    + "timeout of at least 1");
        }
        System.out.printf("Join storm: %s users into one room, one server; before: every join announced, after: "
                + "counted above %d members, told every %d ms; timeout %d s per run; %d cores, Java %s%n",
                users, threshold, periodMillis, timeoutSeconds, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        System.out.println("Command: ./mvnw -q -pl solutions/09-production -am compile -Ddemo=09-joins"
                + (smoke ? " -Dexec.args=--smoke" : ""));
        ExecutorService clientThreads = Executors.newFixedThreadPool(4, named(CLIENT_THREADS));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Result[]> results = new ArrayList<>();
        try (LocalRedis redis = LocalRedis.fromEnvironment(System.getenv());
             LocalPostgres postgres = LocalPostgres.fromEnvironment(System.getenv())) {
            PostgresUrl database = postgres.createDatabase("bench09_" + ProcessHandle.current().pid());
            if (!smoke) { // a cold JIT would slow whichever ran first
                run(redis.uri(), database, http, 200, 201, "warm-up");
                run(redis.uri(), database, http, 200, threshold, "warm-up");
            }
            for (int n : users) {
                Result before = run(redis.uri(), database, http, n, n + 1, "before");
                Result after = run(redis.uri(), database, http, n, threshold, "after");
                results.add(new Result[] {before, after});
            }
        } finally {
            clientThreads.shutdownNow();
        }
        System.out.println();
        for (Result[] pair : results) {
            print(pair[0], pair[1]);
        }
        return 0;
    }

    private Result run(URI redis, PostgresUrl database, HttpClient http, int n, int largeRoom, String label)
            throws Exception {
        ProductionConfig production = ProductionConfig.defaults()
                .withLargeRoom(largeRoom, Duration.ofMillis(label.equals("before") ? 2_000 : periodMillis));
        try (ProductionServer server = ProductionServer.start(clusterConfig(), redis, database,
                NotificationsConfig.defaults().withStreamLimits(0, 0), production)) {
            TokenIssuer issuer = server.cluster().heartbeat().auth().issuer();
            Storm storm = new Storm(n);
            List<CompletableFuture<WebSocket>> sockets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String token = issuer.issue("u" + i, Set.of(), Set.of(), Duration.ofHours(1));
                sockets.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                        .buildAsync(server.uri("ws", "/ws"), storm.listener()));
            }
            if (!storm.connected.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(storm.connected.getCount() + " of " + n + " did not connect");
            }
            String room = "storm-" + label + "-" + n + "-" + System.nanoTime();
            String join = "{\"type\":\"join\",\"room\":\"" + room + "\",\"id\":\"j\"}";
            Map<Long, Long> cpuBefore = threadCpu();
            long began = System.nanoTime();
            for (CompletableFuture<WebSocket> socket : sockets) {
                socket.join().sendText(join, true);
            }
            long deadline = began + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            boolean acked = storm.acked.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            long ackedAt = System.nanoTime();
            long expected = largeRoom > n ? (long) n * (n - 1) / 2 : -1; // every earlier member hears each join
            boolean quiet = storm.awaitPresence(expected, deadline);
            long cpu = serverCpu(cpuBefore);
            Result result = new Result(label, n, largeRoom, acked, quiet, (ackedAt - began) / 1e9,
                    (storm.lastPresence.get() == 0 ? ackedAt : Math.max(ackedAt, storm.lastPresence.get()) - began)
                            / 1e9, storm.presence.get(), storm.bytes.get(), n - (int) storm.acked.getCount(),
                    storm.errors.get(), storm.closed.get(), cpu / 1e9);
            System.out.println(result.line());
            for (CompletableFuture<WebSocket> socket : sockets) {
                socket.join().abort(); // the server lets go of them with the room; nothing more to measure
            }
            return result;
        }
    }

    private static ClusterConfig clusterConfig() {
        AuthConfig tests = AuthConfig.forTests();
        AuthConfig auth = new AuthConfig(true, tests.key(), tests.keyGenerated(), tests.issuer(), tests.audience(),
                Duration.ofHours(1), false, Map.of(), Set.of(), tests.clockSkew());
        AuthServerConfig serverConfig = AuthServerConfig.forTests().withAuth(auth)
                .withRooms(RoomsConfig.forTests().withChat(ChatServerConfig.forTests() // 127.0.0.1, a free port
                        .withConnectionLimits(ConnectionLimits.none()))); // every client comes from 127.0.0.1
        return ClusterConfig.forTests(serverConfig, "bench09-" + System.nanoTime() + ":")
                .withHeartbeat(HeartbeatConfig.defaults());
    }

    /** What the clients of one run received. */
    private static final class Storm {
        final CountDownLatch connected;
        final CountDownLatch acked;
        final AtomicLong presence = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong lastPresence = new AtomicLong();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        Storm(int n) {
            connected = new CountDownLatch(n);
            acked = new CountDownLatch(n);
        }

        WebSocket.Listener listener() {
            return new WholeTextListener(this::received) {
                @Override
                public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closed.incrementAndGet();
                    return null;
                }
            };
        }

        private void received(String text) {
            if (text.startsWith("{\"type\":\"joined\"") || text.startsWith("{\"type\":\"left\"")
                    || text.startsWith("{\"type\":\"members_changed\"")) {
                presence.incrementAndGet();
                bytes.addAndGet(text.length()); // ASCII: characters are bytes
                lastPresence.set(System.nanoTime());
            } else if (text.startsWith("{\"type\":\"members\"")) {
                bytes.addAndGet(text.length());
            } else if (text.startsWith("{\"type\":\"ack\"") && text.contains("\"id\":\"j\"")) {
                acked.countDown();
            } else if (text.startsWith("{\"type\":\"error\"")) {
                errors.incrementAndGet();
                acked.countDown(); // answered, if refused: the phase does not wait for it forever
            } else if (text.startsWith("{\"type\":\"connected\"")) {
                connected.countDown();
            }
        }

        /**
         * Waits for the presence messages to stop: {@code expected} of them, or (unknown: -1) none for a while.
         *
         * @return false if the deadline came first
         */
        boolean awaitPresence(long expected, long deadline) throws InterruptedException {
            long seen = -1;
            long since = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long now = presence.get();
                if (expected >= 0 && now >= expected) {
                    return true;
                }
                if (now != seen) {
                    seen = now;
                    since = System.nanoTime();
                } else if (System.nanoTime() - since > QUIET.toNanos()) {
                    return expected < 0; // quiet: done when the number was unknown; stuck short of it otherwise
                }
                Thread.sleep(20); // a benchmark's bounded poll
            }
            return false;
        }
    }

    /** One run's figures. */
    private record Result(String label, int users, int largeRoom, boolean acked, boolean quiet, double joinSeconds,
                          double presenceSeconds, long presence, long bytes, int acks, int errors, int closed,
                          double serverCpuSeconds) {

        String line() {
            return String.format("%-8s N=%,d threshold=%,d: %s acks in %.2f s, last presence at %.2f s%s, %,d presence"
                    + " messages, %,d bytes, server CPU %.2f s, %d errors, %d closed", label, users, largeRoom,
                    String.format("%,d", acks), joinSeconds, presenceSeconds, acked && quiet ? ""
                            : " (did not finish in the timeout)", presence, bytes, serverCpuSeconds, errors, closed);
        }
    }

    private void print(Result before, Result after) {
        System.out.printf("%,d distinct users join one room (after: threshold %d, members_changed every %d ms)%n",
                before.users, threshold, periodMillis);
        System.out.printf("| %-38s | %16s | %16s | %9s |%n", "", "before", "after", "ratio");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(40), "-".repeat(18), "-".repeat(18), "-".repeat(11));
        row("joins acked", before.acks, after.acks, "%,.0f");
        row("join phase (every ack), s", before.joinSeconds, after.joinSeconds, "%.2f",
                before.acked, after.acked);
        row("until the last presence message, s", before.presenceSeconds, after.presenceSeconds, "%.2f",
                before.acked && before.quiet, after.acked && after.quiet);
        row("presence messages received", before.presence, after.presence, "%,.0f");
        row("presence + members bytes received", before.bytes, after.bytes, "%,.0f");
        row("server CPU, s", before.serverCpuSeconds, after.serverCpuSeconds, "%.2f");
        if (before.errors + after.errors + before.closed + after.closed > 0) {
            System.out.printf("errors: %d before, %d after; connections closed by the server: %d before, %d after%n",
                    before.errors, after.errors, before.closed, after.closed);
        }
        System.out.println();
    }

    private static void row(String name, double before, double after, String format) {
        row(name, before, after, format, true, true);
    }

    private static void row(String name, double before, double after, String format, boolean beforeDone,
                            boolean afterDone) {
        String b = String.format(format, before) + (beforeDone ? "" : " (cut)");
        String a = String.format(format, after) + (afterDone ? "" : " (cut)");
        String ratio = after == 0 ? "-" : String.format("%.1f×", before / after);
        System.out.printf("| %-38s | %16s | %16s | %9s |%n", name, b, a, ratio);
    }

    // --- CPU per thread: the server's is every thread's but the clients' and this one's ---

    private static Map<Long, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    private static long serverCpu(Map<Long, Long> before) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long server = 0;
        for (Map.Entry<Long, Long> entry : threadCpu().entrySet()) {
            var info = threads.getThreadInfo(entry.getKey());
            String name = info == null ? "" : info.getThreadName();
            if (entry.getKey() == self || name.startsWith(CLIENT_THREADS) || name.startsWith("HttpClient-")
                    || name.startsWith("ForkJoinPool.commonPool")) {
                continue;
            }
            server += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
        }
        return server;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
