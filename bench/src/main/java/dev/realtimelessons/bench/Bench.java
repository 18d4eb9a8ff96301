package dev.realtimelessons.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark harness: in one session, the course's servers (lessons 03, 05, and 06 with one node and a Redis),
 * a bare Tyrus room broadcast and, when {@code node} is installed, a Node {@code ws} one, a fresh process per run,
 * alternating within each round; then a table per case of medians and ratios to bare Tyrus. See bench/README.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the course's servers next to a bare Tyrus and a Node ws reference and prints medians.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--rounds", description = "Rounds; each runs every server once per case (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--servers", split = ",", converter = ServerName.class, description = "Servers, in round order: tyrus, 03, 05, 06, 09, node "
            + "(default: all; node only when installed).")
    List<String> servers = List.of("tyrus", "03", "05", "06", "node");

    @Option(names = "--cases", split = ",", converter = CaseName.class,
            description = "Cases: one-room, many-rooms, idle (default: all).")
    List<String> cases = List.of("one-room", "many-rooms", "idle");

    @Option(names = "--subscribers", description = "Subscribers of the one-room case (default: ${DEFAULT-VALUE}).")
    int subscribers = 1_000;

    @Option(names = "--rooms", description = "Rooms of the many-rooms case (default: ${DEFAULT-VALUE}).")
    int rooms = 100;

    @Option(names = "--room-size", description = "Subscribers per room of the many-rooms case (default: ${DEFAULT-VALUE}).")
    int roomSize = 10;

    @Option(names = "--idle", description = "Connections of the idle case (default: ${DEFAULT-VALUE}).")
    int idle = 5_000;

    @Option(names = "--rate", description = "Deliveries per second of the fixed-rate phase (default: ${DEFAULT-VALUE}).")
    int rate = 20_000;

    @Option(names = "--warmup", description = "Flat out before measuring, ISO-8601 or seconds (default: ${DEFAULT-VALUE}).",
            converter = DurationConverter.class)
    Duration warmup = Duration.ofSeconds(2);

    @Option(names = "--duration", description = "Each measured phase, ISO-8601 or seconds (default: ${DEFAULT-VALUE}).",
            converter = DurationConverter.class)
    Duration duration = Duration.ofSeconds(3);

    @Option(names = "--window", description = "Undelivered messages per room the flat-out publisher allows (default: ${DEFAULT-VALUE}).")
    int window = 16;

    @Option(names = "--selectors", description = "HTTP clients the subscribers are spread over (default: ${DEFAULT-VALUE}).")
    int selectors = 2;

    @Option(names = "--client-limit", description = "Client CPU, in cores, from which a run is client-limited; so is one where the client used more CPU than the server "
            + "(default: ${DEFAULT-VALUE}).")
    double clientLimit = 0.9;

    @Option(names = "--server-opts", split = " ", description = "JVM options of the Java servers (default: ${DEFAULT-VALUE}).")
    List<String> serverOpts = List.of("-Xmx1g", "-XX:+UseG1GC");

    @Option(names = "--node-dir", description = "The folder of server.mjs (default: bench/node or node).")
    Path nodeDir;

    @Option(names = "--smoke", description = "Tiny sizes for CI: 1 round, 50 subscribers, 5 rooms × 10, 200 idle, "
            + "1 s phases.")
    boolean smoke;

    /**
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = new CommandLine(new Bench()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            rounds = 1;
            subscribers = 50;
            rooms = 5;
            roomSize = 10;
            idle = 200;
            rate = 1_000;
            warmup = Duration.ofMillis(500);
            duration = Duration.ofSeconds(1);
        }
        Settings settings = new Settings(subscribers, rooms, roomSize, idle, rate, warmup, duration, window,
                selectors, clientLimit);
        List<ServerKind> kinds = new ArrayList<>();
        for (String id : servers) {
            kinds.add(ServerKind.of(id));
        }
        Path node = nodeDir != null ? nodeDir : Files.isDirectory(Path.of("node")) ? Path.of("node")
                : Path.of("bench", "node");
        String nodeNote = "";
        if (kinds.contains(ServerKind.NODE)) {
            nodeNote = NodeSetup.prepare(node);
            if (!nodeNote.isEmpty()) {
                kinds.remove(ServerKind.NODE);
            }
        }
        // A harness stopped with Ctrl+C must not leave its servers (and Redis) running: stop what it started.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "stop-servers"));
        String classpath = System.getProperty("java.class.path");
        System.out.printf(Locale.ROOT, "Machine: %d cores, %s %s; JDK %s (%s); server JVM options %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                String.join(" ", serverOpts));
        if (kinds.contains(ServerKind.NODE) || !nodeNote.isEmpty()) {
            System.out.println("Node: " + (nodeNote.isEmpty() ? NodeSetup.version() : nodeNote));
        }
        System.out.printf(Locale.ROOT, "%d round(s); warm-up %d ms, phases %d ms; fixed rate %,d deliveries/s; "
                        + "flat-out window %d messages per room; client-limited from %.2f client cores%n%n", rounds,
                warmup.toMillis(), duration.toMillis(), rate, window, clientLimit);

        Map<String, List<Run>> results = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        long start = System.nanoTime();
        int failures = 0;
        for (int round = 1; round <= rounds; round++) {
            for (String name : cases) {
                for (ServerKind kind : kinds) {
                    try {
                        Run run = runOnce(name, kind, settings, classpath, node, serverOpts, titles);
                        results.computeIfAbsent(name, n -> new ArrayList<>()).add(run);
                        System.out.printf(Locale.ROOT, "round %d %-10s %-18s %s%n", round, name, kind.label(),
                                Table.line(run));
                    } catch (RuntimeException e) {
                        // One failed run is reported and left out of the medians; the session goes on.
                        failures++;
                        System.out.printf(Locale.ROOT, "round %d %-10s %-18s FAILED: %s%n", round, name,
                                kind.label(), e);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nAll runs took %d s.%n%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        for (Map.Entry<String, List<Run>> entry : results.entrySet()) {
            boolean idleCase = entry.getKey().equals("idle");
            List<String> columns = idleCase ? Table.list("RSS KiB/conn", "heap KiB/conn", "RSS MiB")
                    : Table.list("deliveries/s", "server CPU µs/delivery", "server cores", "client cores", "p50 ms",
                    "p99 ms", "lost");
            List<String> ratios = idleCase ? Table.list("RSS KiB/conn", "heap KiB/conn")
                    : Table.list("deliveries/s", "server CPU µs/delivery", "p99 ms");
            System.out.println(Table.render(titles.get(entry.getKey()), columns, ratios, kinds, entry.getValue()));
        }
        if (!nodeNote.isEmpty()) {
            System.out.println("Node ws: " + nodeNote);
        }
        System.out.println("Finished " + Instant.now()
                + (failures == 0 ? "" : "; " + failures + " run(s) FAILED"));
        return failures == 0 ? 0 : 1;
    }

    private static Run runOnce(String name, ServerKind kind, Settings settings, String classpath, Path node,
                               List<String> serverOpts, Map<String, String> titles) {
        ServerProcess server = ServerProcess.start(kind, classpath, node, serverOpts);
        return switch (name) {
            case "one-room" -> {
                BroadcastCase c = new BroadcastCase("one-room", 1, settings.subscribers(), settings);
                titles.put(name, c.title());
                yield c.run(server, kind);
            }
            case "many-rooms" -> {
                BroadcastCase c = new BroadcastCase("many-rooms", settings.rooms(), settings.roomSize(), settings);
                titles.put(name, c.title());
                yield c.run(server, kind);
            }
            case "idle" -> {
                IdleCase c = new IdleCase(settings);
                titles.put(name, c.title());
                yield c.run(server, kind);
            }
            default -> {
                server.close();
                throw new IllegalArgumentException("unknown case '" + name + "': one-room, many-rooms or idle");
            }
        };
    }

    /** Accepts a case's name, and refuses others with the names it could be. */
    static final class CaseName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!List.of("one-room", "many-rooms", "idle").contains(value)) {
                throw new CommandLine.TypeConversionException(
                        "unknown case '" + value + "': one-room, many-rooms or idle");
            }
            return value;
        }
    }

    /** Accepts a server's name, and refuses others with the names it could be. */
    static final class ServerName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return ServerKind.of(value).id();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads {@code 5}, {@code 1.5} (seconds) or an ISO-8601 duration such as {@code PT500MS}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1_000));
            }
            return Duration.parse(value);
        }
    }
}
