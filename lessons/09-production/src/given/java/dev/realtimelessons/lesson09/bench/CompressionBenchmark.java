package dev.realtimelessons.lesson09.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientProperties;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

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
import dev.realtimelessons.lesson08.NotificationsConfig;
import dev.realtimelessons.lesson09.ProductionConfig;
import dev.realtimelessons.lesson09.ProductionServer;

/**
 * permessage-deflate off, then on, on one lesson 09 server each, in one run: N Tyrus clients (which offer the
 * extension) in one room, reached through a {@link WireCounter}, get the course's own messages:
 * <ol>
 *   <li><b>room messages</b>: a member publishes chat lines (lesson 07's {@code publish}); each reaches the N
 *       others as a {@code message};</li>
 *   <li><b>notifications</b>: {@code POST /api/broadcast} (lesson 08); each reaches every connection as a
 *       {@code notification}.</li>
 * </ol>
 * For each: the bytes the server sent per delivery (the proxy's count: frames as on the wire) next to the JSON's
 * own size, and the server's CPU per delivery (ThreadMXBean, the server's Java threads by name). Then
 * <b>idle memory</b>: {@code --idle} connections opened by plain sockets that offer the extension in their handshake,
 * read the first message, join the room and get a few messages, then stay silent: the live heap and the process's
 * RSS per connection. Messages are
 * sent one at a time, each awaited by every client, so the figures are of the server's work, not of queues.
 */
@Command(name = "09-deflate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "permessage-deflate off and on: bytes, CPU and memory per connection, side by side.")
public final class CompressionBenchmark implements Callable<Integer> {

    private static final String ROOM = "bench";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CLIENT_THREADS = "bench-client";
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** Room messages the idle connections receive before the reading: their compression contexts are in use. */
    private static final int IDLE_MESSAGES = 5;
    /** The first of them waits behind the idle connections' joins, which the room's worker takes in turn. */
    private static final Duration IDLE_WAIT = Duration.ofMinutes(3);

    /**
     * Chat lines as people write them. A published line is made of their words in a new order each time (see
     * {@link #chatLine}): a line sent again word for word would be a back-reference to the compressor, which flatters
     * it.
     */
    private static final List<String> LINES = List.of(
            "morning all, is the deploy still on for 11?",
            "yes, after the standup. I'll post the checklist here",
            "can someone review #482 before then? it's the retry fix for the export job",
            "on it",
            "👍",
            "looks good, one nit about the timeout: 30 s feels long for a user-facing request",
            "agreed, let's make it 10 and see what the dashboards say",
            "the staging database is slow again, anyone running a migration?",
            "that's me, sorry, done in 5 minutes",
            "lunch? the new place on the corner does good noodles",
            "I'm in. leaving at 12:30",
            "reminder: the on-call handover is at 17:00 today, not tomorrow");

    @Option(names = "--clients", description = "Clients in the room (default: ${DEFAULT-VALUE}).")
    int clients = 100;

    @Option(names = "--messages", description = "Messages of each kind, measured (default: ${DEFAULT-VALUE}).")
    int messages = 200;

    @Option(names = "--warmup", description = "Messages of each kind before the measured ones (default: "
            + "${DEFAULT-VALUE}).")
    int warmup = 50;

    @Option(names = "--idle", description = "Idle connections for the memory figures (default: ${DEFAULT-VALUE}).")
    int idle = 500;

    @Option(names = "--rounds", description = "Rounds; each measures off and on, in alternating order (default: "
            + "${DEFAULT-VALUE}).")
    int rounds = 2;

    @Option(names = "--smoke", description = "Tiny sizes for CI: 10 clients, 20 messages, 5 warm-up, 50 idle. "
            + "Proves the benchmark runs end to end, not a figure.")
    boolean smoke;

    @Option(names = "--cpu-by-thread", description = "Also print each thread's CPU, to check which threads count "
            + "as the server's.")
    boolean cpuByThread;

    @Spec
    CommandSpec spec;

    private CompressionBenchmark() {
    }

    /**
     * Runs both servers and prints the table.
     *
     * @param args {@code --clients=}, {@code --messages=}, {@code --idle=}, {@code --smoke}; {@code --help} lists
     *             them all
     */
    public static void main(String[] args) {
        int code = new CommandLine(new CompressionBenchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** What one server measured. */
    private record Result(double messageWire, double messageJson, double messageCpu, double notificationWire,
                          double notificationJson, double notificationCpu, double idleHeapKib, double idleRssKib) {
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            clients = 10;
            messages = 20;
            warmup = 5;
            idle = 50;
            rounds = 1;
        }
        if (clients < 1 || messages < 1 || warmup < 0 || idle < 1 || rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "every size must be at least 1");
        }
        printHeader();
        List<Result> offs = new ArrayList<>();
        List<Result> ons = new ArrayList<>();
        try (LocalRedis redis = LocalRedis.fromEnvironment(System.getenv());
             LocalPostgres postgres = LocalPostgres.fromEnvironment(System.getenv())) {
            for (int round = 1; round <= rounds; round++) {
                boolean[] order = round % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false};
                for (boolean compression : order) {
                    PostgresUrl database = postgres.createDatabase("bench09deflate" + (compression ? "on" : "off")
                            + round + "_" + ProcessHandle.current().pid());
                    (compression ? ons : offs).add(measure(compression, redis.uri(), database));
                }
                printTable("Round " + round + (order[0] ? " (on first)" : " (off first)"), offs.get(round - 1),
                        ons.get(round - 1));
            }
        }
        if (rounds > 1) {
            printTable("Means of " + rounds + " rounds", mean(offs), mean(ons));
        }
        return 0;
    }

    private static Result mean(List<Result> results) {
        double[] sum = new double[8];
        for (Result r : results) {
            double[] v = {r.messageWire, r.messageJson, r.messageCpu, r.notificationWire, r.notificationJson,
                r.notificationCpu, r.idleHeapKib, r.idleRssKib};
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i] / results.size();
            }
        }
        return new Result(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7]);
    }

    /** One server, compression on or off: the room messages, the notifications, then the idle connections. */
    private Result measure(boolean compression, URI redis, PostgresUrl database) throws Exception {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String apiKey = "bench-" + HexFormat.of().formatHex(secret);
        AuthConfig tests = AuthConfig.forTests();
        AuthConfig auth = new AuthConfig(true, tests.key(), tests.keyGenerated(), tests.issuer(), tests.audience(),
                Duration.ofHours(1), false, Map.of(apiKey, "bench"), Set.of(), tests.clockSkew());
        AuthServerConfig serverConfig = AuthServerConfig.forTests().withAuth(auth)
                .withRooms(RoomsConfig.forTests().withFloodControl(100_000, 100_000, 100_000)
                        .withChat(ChatServerConfig.forTests().withConnectionLimits(ConnectionLimits.none())));
        ClusterConfig config = ClusterConfig.forTests(serverConfig, "bench09z-" + System.nanoTime() + ":")
                .withHeartbeat(HeartbeatConfig.defaults());
        ProductionConfig production = ProductionConfig.defaults().withCompression(compression);
        try (ProductionServer server = ProductionServer.start(config, redis, database,
                NotificationsConfig.defaults().withStreamLimits(0, 0), production)) {
            TokenIssuer issuer = server.cluster().heartbeat().auth().issuer();
            URI direct = server.uri("ws", "/ws");
            Result traffic;
            try (WireCounter wire = new WireCounter(new InetSocketAddress(direct.getHost(), direct.getPort()));
                 Room room = Room.open(clients, URI.create("ws://127.0.0.1:" + wire.port() + "/ws"), issuer,
                         compression)) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI broadcast = server.uri("http", "/api/broadcast");
                Publish chat = i -> room.publish(chatLine(i), i);
                Publish notify = i -> notify(http, broadcast, apiKey, i);
                run(room, room.messages, chat, warmup);
                run(room, room.notifications, notify, warmup);
                long[] m = measureKind(room, room.messages, chat, wire, room.messageJsonBytes);
                long[] n = measureKind(room, room.notifications, notify, wire, room.notificationJsonBytes);
                traffic = new Result((double) m[0] / m[3], (double) m[1] / m[3], m[2] / 1e3 / m[3],
                        (double) n[0] / n[3], (double) n[1] / n[3], n[2] / 1e3 / n[3], 0, 0);
                double[] memory = idleMemory(new InetSocketAddress(direct.getHost(), direct.getPort()), issuer,
                        () -> run(room, room.messages, chat, IDLE_MESSAGES, IDLE_WAIT));
                traffic = new Result(traffic.messageWire, traffic.messageJson, traffic.messageCpu,
                        traffic.notificationWire, traffic.notificationJson, traffic.notificationCpu, memory[0],
                        memory[1]);
            }
            awaitNoConnections(server);
            return traffic;
        }
    }

    /** Waits (at most {@link #WAIT}) until the server has let go of every connection, before it is closed. */
    private static void awaitNoConnections(ProductionServer server) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.cluster().app().connections().stats().connections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Something the benchmark does that may fail. */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * The text of room message {@code i}: 3 to 20 words drawn from {@link #LINES}, the same for the same
     * {@code i} in every run and in both columns.
     */
    static String chatLine(int i) {
        java.util.Random random = new java.util.Random(i);
        List<String> line = LINES.get(random.nextInt(LINES.size())).startsWith("👍") ? List.of("👍")
                : new ArrayList<>();
        if (line.isEmpty()) {
            for (int words = 3 + random.nextInt(18); words > 0; words--) {
                String[] from = LINES.get(random.nextInt(LINES.size())).split(" ");
                line.add(from[random.nextInt(from.length)]);
            }
        }
        return String.join(" ", line);
    }

    /** Sends one message of a kind. */
    private interface Publish {
        void send(int index) throws Exception;
    }

    /** Sends {@code count} messages one at a time, each awaited until every client has it. */
    private void run(Room room, AtomicLong deliveries, Publish publish, int count) throws Exception {
        run(room, deliveries, publish, count, WAIT);
    }

    private void run(Room room, AtomicLong deliveries, Publish publish, int count, Duration wait) throws Exception {
        for (int i = 0; i < count; i++) {
            long expected = deliveries.get() + room.size();
            publish.send(i);
            awaitAtLeast(deliveries::get, expected, wait);
        }
    }

    /** @return wire bytes, JSON bytes, server CPU nanoseconds, deliveries */
    private long[] measureKind(Room room, AtomicLong deliveries, Publish publish, WireCounter wire,
                               AtomicLong jsonBytes) throws Exception {
        long deliveredBefore = deliveries.get();
        long jsonBefore = jsonBytes.get();
        Thread.sleep(200); // what the warm-up sent is on the wire before the count starts
        long wireBefore = wire.bytesDown();
        Map<Long, Long> cpuBefore = threadCpu();
        run(room, deliveries, publish, messages);
        long cpu = serverCpuSince(cpuBefore);
        Thread.sleep(200); // the proxy has forwarded (and counted) the last frames
        return new long[] {wire.bytesDown() - wireBefore, jsonBytes.get() - jsonBefore, cpu,
                deliveries.get() - deliveredBefore};
    }

    private static void notify(HttpClient http, URI broadcast, String apiKey, int i) throws Exception {
        String body = Json.write(Map.of("type", i % 3 == 0 ? "warning" : "info",
                "title", i % 2 == 0 ? "Your export is ready" : "Deploy finished",
                "body", i % 2 == 0 ? "orders-2026-12-0" + (i % 10) + ".csv (1,204 rows) can be downloaded for 24 hours."
                        : "release " + (400 + i) + " is live on all servers; no errors in the first 5 minutes.",
                "link", i % 2 == 0 ? "/exports/" + (1000 + i) : "/deploys/" + (400 + i),
                "auto_hide", i % 2 == 1));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(broadcast).timeout(WAIT)
                .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("POST /api/broadcast answered " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    private static void awaitAtLeast(LongSupplier count, long expected, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (count.getAsLong() < expected) { // bounded by the deadline
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count.getAsLong() + " of " + expected
                        + " deliveries after " + wait.toSeconds() + " s");
            }
            Thread.onSpinWait();
            Thread.sleep(0, 100_000);
        }
    }

    // --- the clients ---

    /** N Tyrus clients joined to the room, and one more that publishes; counts what they receive. */
    private static final class Room implements AutoCloseable {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong notifications = new AtomicLong();
        final AtomicLong messageJsonBytes = new AtomicLong();
        final AtomicLong notificationJsonBytes = new AtomicLong();
        private final ClientManager tyrus;
        private final List<Session> members = new ArrayList<>();
        private Session publisher;

        private Room(ClientManager tyrus) {
            this.tyrus = tyrus;
        }

        static Room open(int size, URI uri, TokenIssuer issuer, boolean expectDeflate) throws Exception {
            ClientManager tyrus = ClientManager.createClient();
            tyrus.getProperties().put(GrizzlyClientProperties.SELECTOR_THREAD_POOL_CONFIG,
                    pool(CLIENT_THREADS + "-selector", 2));
            tyrus.getProperties().put(GrizzlyClientProperties.WORKER_THREAD_POOL_CONFIG,
                    pool(CLIENT_THREADS + "-worker", 4));
            Room room = new Room(tyrus);
            try {
                for (int i = 0; i < size; i++) {
                    room.members.add(room.join(uri, issuer.issue("u" + i, Set.of(), Set.of(), Duration.ofHours(1)),
                            true, expectDeflate));
                }
                room.publisher = room.join(uri, issuer.issue("publisher", Set.of(), Set.of(), Duration.ofHours(1)),
                        false, expectDeflate);
                return room;
            } catch (Exception | Error e) {
                room.close();
                throw e;
            }
        }

        private static ThreadPoolConfig pool(String name, int threads) {
            AtomicInteger next = new AtomicInteger();
            return ThreadPoolConfig.defaultConfig().copy().setPoolName(name).setCorePoolSize(threads)
                    .setMaxPoolSize(threads).setThreadFactory(task -> {
                        Thread thread = new Thread(task, name + "-" + next.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
        }

        int size() {
            return members.size();
        }

        /** Connects with the extension offered, joins the room, and counts what arrives from then on. */
        private Session join(URI uri, String token, boolean count, boolean expectDeflate) throws Exception {
            CountDownLatch joined = new CountDownLatch(1);
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .extensions(List.of(new PerMessageDeflateExtension()))
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void beforeRequest(Map<String, List<String>> headers) {
                            headers.put("Authorization", List.of("Bearer " + token));
                        }
                    }).build();
            Session session = tyrus.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig endpointConfig) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                        if (text.startsWith("{\"type\":\"ack\"")) {
                            joined.countDown();
                        } else if (count && text.startsWith("{\"type\":\"message\"")) {
                            messageJsonBytes.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
                            messages.incrementAndGet();
                        } else if (count && text.startsWith("{\"type\":\"notification\"")) {
                            notificationJsonBytes.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
                            notifications.incrementAndGet();
                        }
                    });
                }
            }, config, uri);
            if (session.getNegotiatedExtensions().isEmpty() == expectDeflate) {
                throw new IllegalStateException("permessage-deflate " + (expectDeflate ? "expected, not" : "not "
                        + "expected, but") + " negotiated: is ProductionExtension.install switching it on?");
            }
            session.getBasicRemote().sendText("{\"type\":\"join\",\"id\":1,\"room\":\"" + ROOM + "\"}");
            if (!joined.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no ack of the join within " + WAIT.toSeconds() + " s");
            }
            return session;
        }

        void publish(String line, int i) throws IOException {
            publisher.getBasicRemote().sendText(Json.write(Map.of("type", "publish", "room", ROOM,
                    "exclude_self", true, "data", Map.of("text", line, "client_ts", 1_796_600_000_000L + i))));
        }

        @Override
        public void close() {
            tyrus.shutdown();
        }
    }

    // --- idle memory ---

    /**
     * Opens {@link #idle} plain sockets that offer permessage-deflate, read the handshake's answer and the first
     * frame ({@code connected}) and join the room; then {@code traffic} sends them a few room messages, which they
     * leave unread. Reads the live heap and the RSS before and after, and resets the sockets.
     *
     * @return heap KiB and RSS KiB per connection
     */
    private double[] idleMemory(InetSocketAddress server, TokenIssuer issuer, Step traffic) throws Exception {
        List<String> tokens = new ArrayList<>(idle);
        for (int i = 0; i < idle; i++) {
            tokens.add(issuer.issue("idle" + i, Set.of(), Set.of(), Duration.ofHours(1)));
        }
        settle();
        long heapBefore = liveHeap();
        long rssBefore = rssBytes();
        List<Socket> sockets = new ArrayList<>(idle);
        try {
            for (String token : tokens) {
                sockets.add(idleConnection(server, token));
            }
            traffic.run();
            long heap = liveHeap() - heapBefore;
            long rss = rssBytes() - rssBefore;
            return new double[] {heap / 1024.0 / idle, rss / 1024.0 / idle};
        } finally {
            for (Socket socket : sockets) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        }
    }

    private static Socket idleConnection(InetSocketAddress server, String token) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, 10_000);
        socket.setSoTimeout(10_000);
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String request = "GET /ws HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort() + "\r\n"
                + "Authorization: Bearer " + token + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) { // bounded: 16 KiB at most
            int b = in.read();
            if (b < 0 || head.length() > 16 * 1024) {
                throw new IOException("handshake answer: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake answered " + head);
        }
        int second = in.readNBytes(2)[1] & 0x7F; // the first frame, compressed or not: read it whole
        long length = second == 126 ? ((in.read() << 8) | in.read()) : second;
        if (second == 127 || in.readNBytes((int) length).length != length) {
            throw new IOException("the first frame did not arrive whole");
        }
        byte[] join = ("{\"type\":\"join\",\"room\":\"" + ROOM + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[6 + join.length]; // final text frame, masked with a key of zeros: payload as it is
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | join.length);
        System.arraycopy(join, 0, frame, 6, join.length);
        socket.getOutputStream().write(frame);
        return socket;
    }

    /** Collects until the RSS moves by less than 1 MiB (at most five times), so the baseline is not a GC's. */
    private static void settle() throws IOException {
        long rss = rssBytes();
        for (int i = 0; i < 5; i++) {
            liveHeap();
            long now = rssBytes();
            if (Math.abs(now - rss) < 1024 * 1024) {
                return;
            }
            rss = now;
        }
    }

    private static long liveHeap() {
        MEMORY.gc();
        MEMORY.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    // --- CPU ---

    private static Map<Long, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /**
     * The CPU of the server's Java threads since {@code before}: every thread but the clients' (Tyrus client pools,
     * the proxy, the JDK {@code HttpClient} that POSTs, this thread). GC and JIT threads are not Java threads;
     * Redis and PostgreSQL are other processes.
     */
    private long serverCpuSince(Map<Long, Long> before) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long server = 0;
        Map<String, Long> byName = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            long used = now - before.getOrDefault(info.getThreadId(), 0L);
            String name = info.getThreadName();
            boolean client = info.getThreadId() == self || name.startsWith("bench-") || name.startsWith("HttpClient-")
                    || name.startsWith("ForkJoinPool.commonPool");
            if (!client && now >= 0) {
                server += used;
            }
            byName.merge((client ? "client " : "server ") + name.replaceAll("[0-9]+", "#"), used, Long::sum);
        }
        if (cpuByThread) {
            byName.entrySet().stream().filter(e -> e.getValue() > 5_000_000)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> System.out.printf("    %8.0f ms  %s%n", e.getValue() / 1e6, e.getKey()));
        }
        return server;
    }

    // --- the table ---

    private void printHeader() {
        System.out.printf("permessage-deflate off and on: %d clients in one room of a lesson 09 server, %d messages "
                        + "of each kind (after %d warm-up), %d idle connections; Java %s, %d cores%n", clients,
                messages, warmup, idle, Runtime.version(), Runtime.getRuntime().availableProcessors());
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        System.out.println("Command: ./mvnw -q -pl solutions/09-production -am compile -Ddemo=09-deflate"
                + (args.isEmpty() ? "" : " -Dexec.args=\"" + String.join(" ", args) + "\""));
        System.out.println("""
                Method: the same server code twice, WS_COMPRESSION off then on; Tyrus clients that offer \
                permessage-deflate, through a counting loopback proxy. Messages go one at a time, each awaited by \
                every client. Wire: bytes the server sent per delivery (frames as on the wire, control frames and \
                acks included), next to the JSON's own UTF-8 size. CPU: the server's Java threads (ThreadMXBean, by \
                thread name), per delivery. Idle: plain sockets that offer the extension, read their first \
                message, join the room and get %d room messages they leave unread; live heap after two full GCs, \
                and VmRSS, per connection (zlib's buffers are native memory: they show in RSS, not in the heap; \
                the RSS of one JVM is noisy, so read it as an order of magnitude).
                """.formatted(IDLE_MESSAGES).replace("%%", "%"));
    }

    private static void printTable(String title, Result off, Result on) {
        System.out.printf("%n#### %s%n", title);
        System.out.printf("%n| figure | off | on | on/off |%n|---|--:|--:|--:|%n");
        row("room message: JSON bytes/delivery", "%.0f", off.messageJson, on.messageJson);
        row("room message: wire bytes/delivery", "%.1f", off.messageWire, on.messageWire);
        row("room message: server CPU µs/delivery", "%.2f", off.messageCpu, on.messageCpu);
        row("notification: JSON bytes/delivery", "%.0f", off.notificationJson, on.notificationJson);
        row("notification: wire bytes/delivery", "%.1f", off.notificationWire, on.notificationWire);
        row("notification: server CPU µs/delivery", "%.2f", off.notificationCpu, on.notificationCpu);
        row("idle: server heap KiB/connection", "%.1f", off.idleHeapKib, on.idleHeapKib);
        row("idle: process RSS KiB/connection", "%.1f", off.idleRssKib, on.idleRssKib);
        System.out.println();
    }

    private static void row(String name, String format, double off, double on) {
        System.out.printf("| %s | %s | %s | %s |%n", name, String.format(format, off), String.format(format, on),
                off == 0 ? "–" : String.format("%.2f", on / off));
    }
}
