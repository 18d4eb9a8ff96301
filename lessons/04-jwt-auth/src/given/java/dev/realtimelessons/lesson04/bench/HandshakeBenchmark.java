package dev.realtimelessons.lesson04.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

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
 * <p>Options: {@code --connections=2000}, {@code --verifications=200000}.
 */
public final class HandshakeBenchmark {

    private HandshakeBenchmark() {
    }

    /**
     * Runs the measurements and prints them.
     *
     * @param args {@code --connections=}, {@code --verifications=}
     * @throws Exception if a server or a connection fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int connections = Integer.parseInt(options.getOrDefault("connections", "2000"));
        int verifications = Integer.parseInt(options.getOrDefault("verifications", "200000"));

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
            long[] nanos = new long[count];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long opened = System.nanoTime();
                open(http, uri, headers);
                nanos[i] = System.nanoTime() - opened;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            System.out.printf("%-32s %7.2f ms %7.2f ms %7.2f ms %12.0f%n", name, nanos[count / 2] / 1e6,
                    nanos[count * 99 / 100] / 1e6, nanos[count - 1] / 1e6, count / seconds);
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
