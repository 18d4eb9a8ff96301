package dev.realtimelessons.lesson08.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

import org.HdrHistogram.Histogram;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.realtimelessons.kit.json.Json;
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
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson07.ChatExtension;
import dev.realtimelessons.lesson07.ChatService;
import dev.realtimelessons.lesson07.Database;
import dev.realtimelessons.lesson08.NotificationsConfig;
import dev.realtimelessons.lesson08.LocalStreams;
import dev.realtimelessons.lesson08.NotificationsExtension;
import dev.realtimelessons.lesson08.bench.IdleConnections.Cost;
import dev.realtimelessons.lesson08.bench.Subscribers.Transport;

/**
 * SSE against WebSocket at N subscribers (1,000 by default), on one lesson 08 server, in one run. Each round
 * measures both transports, one after the other, and the next round swaps the order, so that neither always runs
 * on a colder JIT or a warmer heap. For each transport:
 * <ol>
 *   <li><b>idle memory</b>: N idle connections held by plain sockets ({@link IdleConnections}): the server's live
 *       heap and the process's RSS per connection, the client sockets' own share measured apart and subtracted;</li>
 *   <li><b>subscribers</b>: N users {@code u0..u(N-1)} connect with their own tokens ({@link Subscribers}): SSE
 *       with lesson 08's {@code EventStreamClient} until {@code ready}, WebSocket with the JDK's client until
 *       {@code connected}; then a warm-up of broadcasts, not measured;</li>
 *   <li><b>fixed rate</b>: {@code --rate} broadcasts a second through {@code POST /api/broadcast}, each reaching all
 *       N: deliveries/s and the latency of every delivery. A broadcast carries in its title the wall-clock time
 *       it was <em>due</em>, in microseconds, so a publisher held up by a slow server does not hide the delay;</li>
 *   <li><b>flat out</b>: at most {@code --window} broadcasts not yet delivered to all N: deliveries/s, latency from
 *       the POST's send (in the title), and the CPU per delivery of the server's Java threads and of the
 *       clients'.</li>
 * </ol>
 * PostgreSQL and Redis are embedded (or {@code DATABASE_URL} and {@code REDIS_URL}); the server, its clients and
 * the publisher share this JVM and machine, on loopback; stream and connection limits are off for the run.
 */
@Command(name = "08-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "SSE against WebSocket: N subscribers of one lesson 08 server, side by side in one run.")
public final class TransportBenchmark implements Callable<Integer> {

    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(2);
    /** How long deliveries may still come in after the last broadcast; past it the rest count as lost. */
    private static final Duration DRAIN = Duration.ofSeconds(10);
    /** POSTs in flight at a fixed rate: past this many the publisher waits, and the lag shows in the latency. */
    private static final int MAX_POSTS_IN_FLIGHT = 64;
    /** How long the server may take to let go of closed connections: a heartbeat period (15 s) and then some. */
    private static final Duration GONE_TIMEOUT = NotificationsConfig.defaults().heartbeat().plus(DRAIN);

    @Option(names = "--subscribers", description = "Subscribers per transport, and idle connections for the memory"
            + " figures (default: ${DEFAULT-VALUE}).")
    int subscribers = 1_000;

    @Option(names = "--broadcasts", description = "Broadcasts in each measured part (default: ${DEFAULT-VALUE}).")
    int broadcasts = 200;

    @Option(names = "--rate", description = "Broadcasts per second at the fixed rate (default: ${DEFAULT-VALUE}).")
    int rate = 20;

    @Option(names = "--window", description = "Flat out: broadcasts not yet delivered to everyone, at most "
            + "(default: ${DEFAULT-VALUE}).")
    int window = 16;

    @Option(names = "--warmup", description = "Broadcasts sent flat out before each transport's measured parts "
            + "(default: ${DEFAULT-VALUE}).")
    int warmup = 50;

    @Option(names = "--rounds", description = "Rounds; each measures both transports, in alternating order "
            + "(default: ${DEFAULT-VALUE}).")
    int rounds = 2;

    @Option(names = "--smoke", description = "Tiny sizes for CI: 20 subscribers, 20 broadcasts at 10/s, 1 round. "
            + "Proves the benchmark runs end to end, not a figure.")
    boolean smoke;

    @Option(names = "--cpu-by-thread", description = "Also print each thread's CPU in the flat-out parts, to check "
            + "which threads count as the server's.")
    boolean cpuByThread;

    @Spec
    CommandSpec spec;

    private final AtomicInteger parts = new AtomicInteger();
    private ClusterServer server;
    private LocalStreams streams;
    private TokenIssuer issuer;
    private String apiKey;
    private HttpClient publisher;
    private HttpClient sseClient;
    private HttpClient wsClient;

    private TransportBenchmark() {
    }

    /**
     * Runs the rounds and prints the tables.
     *
     * @param args {@code --subscribers=}, {@code --broadcasts=}, {@code --rate=}, {@code --smoke}; {@code --help}
     *             lists them all
     */
    public static void main(String[] args) {
        int code = new CommandLine(new TransportBenchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Starts PostgreSQL, Redis and one server, measures both transports in each round, prints a table per round and
     * one of medians, and stops everything.
     *
     * @return 0
     * @throws Exception if a server or a client cannot start, or a handshake fails
     */
    @Override
    public Integer call() throws Exception {
        if (smoke) {
            subscribers = 20;
            broadcasts = 20;
            rate = 10;
            warmup = 5;
            rounds = 1;
        }
        if (subscribers < 1 || broadcasts < 1 || rate < 1 || window < 1 || warmup < 0 || rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "every size must be at least 1");
        }
        printHeader();
        ExecutorService clientThreads = Executors.newFixedThreadPool(4, named(Subscribers.CLIENT_THREADS));
        Map<Transport, List<Result>> results = new EnumMap<>(Transport.class);
        try (LocalRedis redis = LocalRedis.fromEnvironment(System.getenv());
             LocalPostgres postgres = LocalPostgres.fromEnvironment(System.getenv())) {
            PostgresUrl database = postgres.createDatabase("bench08_" + ProcessHandle.current().pid());
            startServer(redis.uri(), database);
            // The same client machinery for both transports: HTTP/1.1, the same four threads.
            sseClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
            wsClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            publisher = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            try {
                for (int round = 1; round <= rounds; round++) {
                    List<Transport> order = round % 2 == 1 ? List.of(Transport.SSE, Transport.WEBSOCKET)
                            : List.of(Transport.WEBSOCKET, Transport.SSE);
                    Map<Transport, Result> measured = new EnumMap<>(Transport.class);
                    for (Transport transport : order) {
                        measured.put(transport, measure(transport));
                    }
                    measured.forEach((transport, result) -> results.computeIfAbsent(transport,
                            t -> new ArrayList<>()).add(result));
                    Result sse = measured.get(Transport.SSE);
                    Result ws = measured.get(Transport.WEBSOCKET);
                    printTable("Round " + round + " (" + order.get(0).label + " first)", sse.values(), ws.values());
                    System.out.println("SSE: " + sse.notes());
                    System.out.println("WebSocket: " + ws.notes());
                }
            } finally {
                server.close();
            }
        } finally {
            clientThreads.shutdownNow();
        }
        if (rounds > 1) {
            printTable("Medians of " + rounds + " rounds", Result.medians(results.get(Transport.SSE)),
                    Result.medians(results.get(Transport.WEBSOCKET)));
        }
        return 0;
    }

    private void startServer(URI redis, PostgresUrl database) {
        // An API key of this run only, for POST /api/broadcast; tokens live an hour, longer than any run.
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        apiKey = "bench-" + HexFormat.of().formatHex(secret);
        AuthConfig tests = AuthConfig.forTests();
        AuthConfig auth = new AuthConfig(true, tests.key(), tests.keyGenerated(), tests.issuer(), tests.audience(),
                Duration.ofHours(1), false, Map.of(apiKey, "bench"), Set.of(), tests.clockSkew());
        AuthServerConfig serverConfig = AuthServerConfig.forTests().withAuth(auth)
                .withRooms(RoomsConfig.forTests().withChat(ChatServerConfig.forTests() // 127.0.0.1, a free port
                        .withConnectionLimits(ConnectionLimits.none()))); // every client comes from 127.0.0.1
        ClusterConfig config = ClusterConfig.forTests(serverConfig, "bench08-" + System.nanoTime() + ":")
                .withHeartbeat(HeartbeatConfig.defaults());
        // NotificationsService.start, with the extension kept: the benchmark counts and ends the event streams.
        Database db = Database.open(database, ChatService.POOL_SIZE);
        NotificationsExtension extension = new NotificationsExtension(new ChatExtension(db, Clock.systemUTC()),
                NotificationsConfig.defaults().withStreamLimits(0, 0));
        server = ClusterServer.start(config, redis, extension);
        streams = extension.streams();
        issuer = server.heartbeat().auth().issuer();
    }

    /** One transport's figures in one round; the server holds none of its connections before or after. */
    private Result measure(Transport transport) throws Exception {
        IntSupplier count = transport == Transport.SSE ? () -> streams.count()
                : () -> server.app().connections().stats().connections();
        List<String> tokens = new ArrayList<>(subscribers);
        for (int i = 0; i < subscribers; i++) {
            tokens.add(issuer.issue("u" + i, Set.of(), Set.of(), Duration.ofHours(1)));
        }
        URI base = server.uri("http", "/");
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        Cost idle = IdleConnections.measure(transport, address, tokens, count, OPEN_TIMEOUT);
        letGo(transport, count);
        long opening = System.nanoTime();
        Subscribers subs = Subscribers.open(transport, subscribers, base, issuer,
                transport == Transport.SSE ? sseClient : wsClient, OPEN_TIMEOUT);
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        try {
            if (warmup > 0) {
                part(subs, warmup, 0);
            }
            Part fixed = part(subs, broadcasts, rate);
            Part flat = part(subs, broadcasts, 0);
            return new Result(openSeconds, idle, fixed, flat, subs.lost());
        } finally {
            subs.close();
            letGo(transport, count);
        }
    }

    /**
     * Sends one part's broadcasts, at {@code pace} a second or (0) flat out within the window, and waits until each
     * has reached every subscriber, or {@link #DRAIN} after the last.
     */
    private Part part(Subscribers subs, int count, int pace) throws InterruptedException {
        int number = parts.incrementAndGet();
        Semaphore complete = new Semaphore(0);
        Semaphore posts = new Semaphore(MAX_POSTS_IN_FLIGHT);
        AtomicLong refused = new AtomicLong();
        subs.startPart(number, count, complete);
        Map<Long, ThreadCpu> cpuBefore = threadCpu();
        long began = System.nanoTime();
        long beganMicros = Subscribers.wallMicros();
        long interval = pace == 0 ? 0 : 1_000_000_000L / pace;
        int awaited = 0;
        int sent = 0;
        for (; sent < count; sent++) {
            long micros;
            if (pace > 0) {
                long due = began + sent * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                micros = beganMicros + (due - began) / 1_000; // when it was due, not when it left
            } else {
                if (sent - awaited >= window) { // the window is full: wait for a broadcast to reach everyone
                    if (!complete.tryAcquire(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    awaited++;
                }
                micros = Subscribers.wallMicros();
            }
            if (!posts.tryAcquire(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
            broadcast(Subscribers.title(number, sent, micros)).whenComplete((status, error) -> {
                posts.release();
                if (error != null || status != 201) {
                    refused.incrementAndGet();
                }
            });
        }
        boolean drained = complete.tryAcquire(sent - awaited, DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - began) / 1e9;
        long[] cpu = cpuSince(cpuBefore, pace == 0 && cpuByThread);
        Histogram latencies = subs.latencies();
        long deliveries = latencies.getTotalCount();
        return new Part(deliveries / seconds, latencies, (long) count * subscribers - deliveries,
                drained ? 0 : count - subs.completeBroadcasts(), refused.get(),
                deliveries == 0 ? 0 : cpu[0] / 1e3 / deliveries, deliveries == 0 ? 0 : cpu[1] / 1e3 / deliveries);
    }

    private java.util.concurrent.CompletableFuture<Integer> broadcast(String title) {
        HttpRequest request = HttpRequest.newBuilder(server.uri("http", "/api/broadcast"))
                .timeout(DRAIN).header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"info\",\"title\":\"" + title + "\",\"auto_hide\":true}"))
                .build();
        return publisher.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    /**
     * Waits until the server holds none of the transport's connections. Event streams are ended by the server
     * first, as a stopping server ends them: closed clients are not noticed until the stream's next write (a
     * heartbeat, up to 15 s later), and on JDK 17 an {@code EventStreamClient} that was closed still held its
     * connection open 25 s later (measured), so the server would go on writing to it.
     */
    private void letGo(Transport transport, IntSupplier count) throws InterruptedException {
        if (transport == Transport.SSE) {
            streams.endAll();
        }
        awaitCount(transport, count, 0);
    }

    /**
     * Waits until the server counts {@code expected} connections, at most {@link #GONE_TIMEOUT}; says how long it
     * took when that was more than a second, and says so if it never did.
     */
    private static void awaitCount(Transport transport, IntSupplier count, int expected) throws InterruptedException {
        long began = System.nanoTime();
        long deadline = began + GONE_TIMEOUT.toNanos();
        int now = count.getAsInt();
        while (now != expected && System.nanoTime() < deadline) {
            Thread.sleep(50); // a benchmark's bounded wait
            now = count.getAsInt();
        }
        double waited = (System.nanoTime() - began) / 1e9;
        if (now != expected) {
            System.out.printf("warning: after %.0f s the server still holds %d %s connections, %d expected%n",
                    waited, now, transport.label, expected);
        } else if (waited > 1) {
            System.out.printf("note: the server took %.1f s to let go of the closed %s connections%n", waited,
                    transport.label);
        }
    }

    // --- CPU per thread ---

    private record ThreadCpu(String name, long nanos) {
    }

    private static Map<Long, ThreadCpu> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, ThreadCpu> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), new ThreadCpu(info.getThreadName(), nanos));
                }
            }
        }
        return cpu;
    }

    /**
     * The CPU the server's and the clients' Java threads used since {@code before}, by thread name: the clients
     * are the JDK {@code HttpClient}s (subscribers and publisher), the SSE client's timer, the common pool the
     * {@code HttpClient} completes futures on, and this thread; every other thread is the server's. GC and JIT
     * threads are not Java threads and count for neither; Redis is another process.
     *
     * @return server and client nanoseconds
     */
    private static long[] cpuSince(Map<Long, ThreadCpu> before, boolean print) {
        long server = 0;
        long client = 0;
        long self = Thread.currentThread().getId();
        Map<String, Long> byName = new HashMap<>();
        for (Map.Entry<Long, ThreadCpu> entry : threadCpu().entrySet()) {
            ThreadCpu then = before.get(entry.getKey());
            long used = entry.getValue().nanos() - (then == null ? 0 : then.nanos());
            String name = entry.getValue().name();
            boolean isClient = entry.getKey() == self || name.startsWith(Subscribers.CLIENT_THREADS)
                    || name.startsWith("HttpClient-") || name.startsWith("event-stream")
                    || name.startsWith("ForkJoinPool.commonPool");
            if (isClient) {
                client += used;
            } else {
                server += used;
            }
            byName.merge((isClient ? "client " : "server ") + name.replaceAll("[0-9]+", "#"), used, Long::sum);
        }
        if (print) {
            byName.entrySet().stream().filter(e -> e.getValue() > 10_000_000)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("    %8.0f ms  %s%n", e.getValue() / 1e6, e.getKey()));
        }
        return new long[] {server, client};
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // --- figures and tables ---

    /**
     * One measured part.
     *
     * @param deliveriesPerSecond deliveries over the time from the first POST to the last delivery
     * @param latencies           every delivery's latency, microseconds
     * @param lost                deliveries that did not arrive within the drain time
     * @param incomplete          broadcasts that did not reach every subscriber
     * @param refused             POSTs not answered 201
     * @param serverCpuMicros     server threads' CPU per delivery, microseconds
     * @param clientCpuMicros     client threads' CPU per delivery, microseconds
     */
    private record Part(double deliveriesPerSecond, Histogram latencies, long lost, long incomplete, long refused,
                        double serverCpuMicros, double clientCpuMicros) {

        double millis(double percentile) {
            return latencies.getTotalCount() == 0 ? Double.NaN
                    : latencies.getValueAtPercentile(percentile) / 1e3;
        }
    }

    /** One transport's figures in one round. */
    private record Result(double openSeconds, Cost idle, Part fixed, Part flat, long lostConnections) {

        /** The figures, in the table's order. */
        static final List<Figure> FIGURES = List.of(
                new Figure("open N subscribers, s", "%.2f", r -> r.openSeconds),
                new Figure("fixed rate: deliveries/s", "%,.0f", r -> r.fixed.deliveriesPerSecond),
                new Figure("fixed rate: p50 latency, ms", "%.2f", r -> r.fixed.millis(50)),
                new Figure("fixed rate: p99 latency, ms", "%.2f", r -> r.fixed.millis(99)),
                new Figure("fixed rate: max latency, ms", "%.2f", r -> r.fixed.millis(100)),
                new Figure("flat out: deliveries/s", "%,.0f", r -> r.flat.deliveriesPerSecond),
                new Figure("flat out: p50 latency, ms", "%.2f", r -> r.flat.millis(50)),
                new Figure("flat out: p99 latency, ms", "%.2f", r -> r.flat.millis(99)),
                new Figure("flat out: max latency, ms", "%.2f", r -> r.flat.millis(100)),
                new Figure("flat out: server CPU µs/delivery", "%.2f", r -> r.flat.serverCpuMicros),
                new Figure("flat out: client CPU µs/delivery", "%.2f", r -> r.flat.clientCpuMicros),
                new Figure("idle: server heap KiB/connection", "%.1f", r -> r.idle.heapKib()));

        /** @return the figures, in the order of {@link #FIGURES} */
        double[] values() {
            return FIGURES.stream().mapToDouble(figure -> figure.value().applyAsDouble(this)).toArray();
        }

        /** @return each figure's median over the results (the mean of the middle two for an even count) */
        static double[] medians(List<Result> results) {
            double[] medians = new double[FIGURES.size()];
            for (int i = 0; i < medians.length; i++) {
                int figure = i;
                double[] sorted = results.stream().mapToDouble(r -> r.values()[figure]).sorted().toArray();
                int middle = sorted.length / 2;
                medians[i] = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            }
            return medians;
        }

        /** @return what went wrong or was subtracted, for the line under a round's table */
        String notes() {
            return String.format("idle handshakes %.1f s, %d of N still open at the reading; RSS growth "
                            + "%.1f KiB/connection (the collector's doing, not a figure); client socket heap "
                            + "subtracted %.2f KiB/connection; deliveries lost %d, POSTs refused %d, connections "
                            + "lost %d", idle.openSeconds(), idle.stillOpen(), idle.rssKib(), idle.clientHeapKib(),
                    fixed.lost + flat.lost, fixed.refused + flat.refused, lostConnections);
        }
    }

    /** A row of the table. */
    private record Figure(String name, String format, ToDoubleFunction<Result> value) {
    }

    private void printHeader() {
        System.out.printf("SSE against WebSocket: %,d subscribers of one lesson 08 server; %d broadcasts per part, "
                        + "%d/s at the fixed rate, a window of %d flat out, %d warm-up; %d round(s); Java %s, "
                        + "%d cores%n", subscribers, broadcasts, rate, window, warmup, rounds, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("Command: ./mvnw -q -pl solutions/08-notifications -am compile -Ddemo=08-bench"
                + (spec.commandLine().getParseResult().originalArgs().isEmpty() ? ""
                : " -Dexec.args=\"" + String.join(" ", spec.commandLine().getParseResult().originalArgs()) + "\""));
        System.out.println("""
                Method: every broadcast is one POST /api/broadcast and reaches all N subscribers of the transport \
                under test (the other has none connected). Latency: wall clock at arrival minus the time in the \
                notification's title: when the broadcast was due (fixed rate) or when its POST was sent (flat \
                out), so it holds the POST, the Redis script and pub/sub hop, the fan-out and the client. CPU: \
                the server's and the clients' Java threads (ThreadMXBean, by thread name; GC, JIT and Redis not \
                counted). Idle memory: N connections held by plain sockets (no client library); the live heap \
                after two full GCs, before and after, per connection, minus the client sockets' own share \
                (measured apart, against a listener that never accepts). VmRSS growth is printed under each \
                round but is no figure: in one JVM it follows the heap pages the GC touches; a server's RSS per \
                connection needs a process of its own, as the idle case of bench/ runs it. Clients share this \
                JVM and its cores with the server: deliveries/s may be the clients' limit; the server's \
                CPU/delivery is the fairer figure.
                """);
    }

    private static void printTable(String title, double[] sse, double[] ws) {
        System.out.printf("%n#### %s%n%n", title);
        System.out.println("| figure | SSE | WebSocket | SSE/WS |");
        System.out.println("|---|--:|--:|--:|");
        for (int i = 0; i < Result.FIGURES.size(); i++) {
            Figure figure = Result.FIGURES.get(i);
            double a = sse[i];
            double b = ws[i];
            System.out.printf("| %s | %s | %s | %s |%n", figure.name(), String.format(figure.format(), a),
                    String.format(figure.format(), b), b == 0 || Double.isNaN(a) || Double.isNaN(b) ? "–"
                            : String.format("%.2f", a / b));
        }
        System.out.println();
    }
}
