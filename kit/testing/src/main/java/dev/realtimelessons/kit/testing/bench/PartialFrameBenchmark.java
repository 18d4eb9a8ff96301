package dev.realtimelessons.kit.testing.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.realtimelessons.kit.server.Endpoints;
import dev.realtimelessons.kit.server.RealtimeServer;

/**
 * What a flood of partial frames costs a {@link RealtimeServer}'s heap: N loopback connections each announce a
 * large text frame, send a part of its payload, and pause ({@link PartialFrameFlood}). It prints the live heap
 * (after a full collection) with no connection, with N idle connections, and after the partial frames, and the
 * growth per connection. Server and clients share this JVM; the clients hold no payload on the heap.
 *
 * <p>Options: {@code --connections=200}, {@code --announce=4194304} (bytes the header announces),
 * {@code --send=32768} (bytes of payload sent); {@code --help} lists them.
 */
@Command(name = "frames-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The live heap a flood of partial frames costs a RealtimeServer.")
public final class PartialFrameBenchmark implements Callable<Integer> {

    private static final long STABLE_BYTES = 64 * 1024;
    private static final int MAX_ROUNDS = 60;
    private static final long ROUND_MILLIS = 250;

    @Option(names = "--connections", description = "Loopback connections (default: ${DEFAULT-VALUE}).")
    int connections = 200;

    @Option(names = "--announce", description = "Bytes each frame's header announces (default: ${DEFAULT-VALUE}).")
    long announce = 4L * 1024 * 1024;

    @Option(names = "--send", description = "Bytes of payload each connection sends (default: ${DEFAULT-VALUE}).")
    int send = 32 * 1024;

    private PartialFrameBenchmark() {
    }

    /** An endpoint that reads text messages and does nothing with them. Public: Tyrus calls it. */
    public static final class Quiet extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
            });
        }
    }

    /**
     * Runs the measurement and prints its figures.
     *
     * @param args {@code --connections=}, {@code --announce=}, {@code --send=}; {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = new CommandLine(new PartialFrameBenchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the measurement and prints its figures.
     *
     * @return 0
     * @throws InterruptedException if interrupted while the heap settles
     */
    @Override
    public Integer call() throws InterruptedException {
        try (RealtimeServer server = RealtimeServer.builder()
                .websocket(Endpoints.perConnection(Quiet.class, "/ws", Quiet::new))
                .start()) {
            try (PartialFrameFlood warmUp = PartialFrameFlood.open(server.uri("ws", "/ws"), 10)) {
                warmUp.sendPartialFrames(announce, send); // loads and compiles the code paths measured below
            }
            System.out.printf("%d connections, each announcing a text frame of %,d bytes and sending %,d of them%n",
                    connections, announce, send);
            long none = settled();
            try (PartialFrameFlood flood = PartialFrameFlood.open(server.uri("ws", "/ws"), connections)) {
                long idle = settled();
                flood.sendPartialFrames(announce, send);
                long flooded = settled();
                List<Integer> codes = flood.closeCodes();

                System.out.printf("live heap: %,d KB with no connection, %,d KB with %d idle connections"
                        + " (%.1f KB each)%n", none / 1024, idle / 1024, connections, perConnection(idle - none,
                        connections));
                System.out.printf("after the partial frames: %,d KB, %.1f KB per connection more than idle%n",
                        flooded / 1024, perConnection(flooded - idle, connections));
                Map<Integer, Long> byCode = codes.stream()
                        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
                System.out.printf("close frames received: %d of %d %s%n", codes.size(), connections, byCode);
            }
        }
        return 0;
    }

    private static double perConnection(long bytes, int connections) {
        return bytes / 1024.0 / connections;
    }

    /** The live heap once two successive readings, a quarter second apart, differ by less than 64 KB. */
    private static long settled() throws InterruptedException {
        long previous = HeapMeter.usedAfterFullGc();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Thread.sleep(ROUND_MILLIS); // a benchmark polls; nothing tells it when the server has read every byte
            long now = HeapMeter.usedAfterFullGc();
            if (Math.abs(now - previous) < STABLE_BYTES) {
                return now;
            }
            previous = now;
        }
        return previous;
    }
}
