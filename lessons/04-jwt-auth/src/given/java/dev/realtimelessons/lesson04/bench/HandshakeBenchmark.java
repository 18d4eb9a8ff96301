package dev.realtimelessons.lesson04.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.realtimelessons.kit.server.ConnectionLimits;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson04.AuthConfig;
import dev.realtimelessons.lesson04.AuthServer;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson04.Authenticated;
import dev.realtimelessons.lesson04.TokenIssuer;
import dev.realtimelessons.lesson04.TokenVerifier;

/**
 * What authentication costs: the time to verify one token (HS256, JJWT), and the time from opening a WebSocket to
 * its {@code connected} message, with authentication on (a Bearer token) and off ({@code ?user=}), two rounds of
 * each (the JIT keeps improving both paths during the first). Connections are opened one after the other, each
 * closed before the next; server and client share this process, on loopback.
 *
 * <p>Options: {@code --connections=2000}, {@code --verifications=200000}; {@code --help} lists them.
 */
@Command(name = "04-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "What authentication costs: token verification, and WebSocket handshakes with auth on and off.")
public final class HandshakeBenchmark implements Callable<Integer> {

    @Option(names = "--connections", description = "Handshakes per measurement (default: ${DEFAULT-VALUE}).")
    int connections = 2000;

    @Option(names = "--verifications", description = "Token verifications timed (default: ${DEFAULT-VALUE}).")
    int verifications = 200_000;

    private HandshakeBenchmark() {
    }

    /**
     * Runs the measurements and prints them.
     *
     * @param args {@code --connections=}, {@code --verifications=}; {@code --help} lists them
     */
    public static void main(String[] args) {
        int code = new CommandLine(new HandshakeBenchmark()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the measurements and prints them.
     *
     * @return 0
     * @throws Exception if a server or a connection fails
     */
    @Override
    public Integer call() throws Exception {

        AuthConfig auth = AuthConfig.forTests();
        String token = new TokenIssuer(auth, Clock.systemUTC()).issue("ada", Set.of(), Set.of());
        TokenVerifier verifier = new TokenVerifier(auth, Clock.systemUTC());
        for (int i = 0; i < verifications / 4; i++) { // warm-up: let the JIT compile the parser
            verifier.verify(token, Authenticated.Via.BEARER_HEADER);
        }
        long start = System.nanoTime();
        for (int i = 0; i < verifications; i++) {
            verifier.verify(token, Authenticated.Via.BEARER_HEADER);
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / verifications;
        System.out.printf("token verification (HS256, %d bytes): %.1f µs each, %,.0f per second on one thread%n%n",
                token.length(), micros, 1_000_000 / micros);

        System.out.printf("%d WebSocket handshakes, one after the other, until 'connected':%n", connections);
        System.out.printf("%-32s %9s %9s %9s %12s%n", "", "p50", "p99", "max", "per second");
        for (int round = 1; round <= 2; round++) { // twice: the first round also warms up both paths
            measure("round " + round + ": auth off (?user=)", auth.withRequired(false), Map.of(), "/ws?user=ada",
                    connections);
            measure("round " + round + ": Bearer token", auth, Map.of("Authorization", "Bearer " + token), "/ws",
                    connections);
        }
        return 0;
    }

    private static void measure(String name, AuthConfig auth, Map<String, String> headers, String path, int count)
            throws Exception {
        // Every handshake comes from 127.0.0.1 as ada: no limit, though the limits are still counted
        AuthServerConfig config = AuthServerConfig.forTests().withAuth(auth).withRooms(RoomsConfig.forTests()
                .withChat(ChatServerConfig.forTests().withConnectionLimits(ConnectionLimits.none())));
        try (AuthServer server = AuthServer.start(config)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = server.uri("ws", path);
            for (int i = 0; i < count / 4; i++) { // warm-up
                open(http, uri, headers);
            }
            Histogram nanos = new Histogram(3); // 3 significant digits: 0.1 %, far below the run-to-run spread
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long opened = System.nanoTime();
                open(http, uri, headers);
                nanos.recordValue(System.nanoTime() - opened);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-32s %7.2f ms %7.2f ms %7.2f ms %12.0f%n", name, nanos.getValueAtPercentile(50) / 1e6,
                    nanos.getValueAtPercentile(99) / 1e6, nanos.getMaxValue() / 1e6, count / seconds);
        }
    }

    /** Opens a connection, waits for its first message ({@code connected}), and closes it. */
    private static void open(HttpClient http, URI uri, Map<String, String> headers) throws Exception {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                connected.complete(null);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        connected.get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        socket.abort();
    }
}
