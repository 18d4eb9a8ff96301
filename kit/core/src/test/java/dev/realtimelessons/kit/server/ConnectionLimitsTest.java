package dev.realtimelessons.kit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.json.Json;

class ConnectionLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final CountingEndpoint.Opened opened = new CountingEndpoint.Opened();
    private final List<RawHttp> sockets = new ArrayList<>();
    private RealtimeServer server;

    /** Accepts every handshake; its principal is the {@code user} parameter, or "anonymous". */
    private final HandshakeGuard userParameter = handshake -> HandshakeVerdict.accept(
            handshake.parameter("user").orElse("anonymous"));

    private RealtimeServer start(ConnectionLimits limits, HandshakeGuard guard, HandshakeUser user) {
        RealtimeServer.Builder builder = RealtimeServer.builder()
                .websocket(Endpoints.perConnection(CountingEndpoint.class, "/ws", () -> new CountingEndpoint(opened)))
                .connectionLimits(limits.withRetryAfter(Duration.ofSeconds(7)))
                .connectionUser(user);
        server = (guard == null ? builder : builder.guard(guard)).start();
        return server;
    }

    @AfterEach
    void stop() {
        sockets.forEach(RawHttp::close);
        if (server != null) {
            server.close();
        }
    }

    /** A handshake by hand from an address of 127.0.0.0/8; the socket is closed after the test. */
    private RawHttp handshake(String from, String target) {
        RawHttp answer = RawHttp.send(from, server.port(), RawHttp.upgrade(target, ""));
        sockets.add(answer);
        return answer;
    }

    private RawHttp accepted(String from, String target) {
        RawHttp answer = handshake(from, target);
        assertThat(answer.status()).as("the handshake of %s from %s", target, from).isEqualTo(101);
        return answer;
    }

    private static JsonNode refusal(RawHttp answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.reason()).isEqualTo(status == 503 ? "Service Unavailable" : "Too Many Requests");
        assertThat(answer.header("Retry-After")).isEqualTo("7");
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("Connection")).isEqualTo("close");
        JsonNode body = Json.tree(answer.body());
        assertThat(answer.closedByServer()).as("the server closed the connection").isTrue();
        return body;
    }

    @Test
    @DisplayName("Tyrus's own session cap is no refusal: the handshake gets 101, then the session is closed with 1013")
    void tyrusSessionCapUpgradesFirst() throws IOException {
        server = RealtimeServer.builder()
                .websocket(Endpoints.perConnection(CountingEndpoint.class, "/ws", () -> new CountingEndpoint(opened)))
                .connectionLimits(ConnectionLimits.none())
                .tyrusEngine(engine -> engine.maxSessionsPerApp(1))
                .start();
        accepted("127.0.0.1", "/ws");
        RawHttp second = accepted("127.0.0.1", "/ws");
        InputStream frames = second.in();
        assertThat(frames.read()).as("a close frame").isEqualTo(0x88);
        int length = frames.read();
        byte[] payload = frames.readNBytes(length);
        assertThat(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)).as("its close code").isEqualTo(1013);
    }

    @Test
    @DisplayName("a drained server refuses a handshake with 503 shutting_down, keeps the connections it has, and"
            + " wakes whoever waits for them once the last one has gone")
    void drained() {
        start(ConnectionLimits.none().withMaxConnections(2), userParameter, HandshakeUser.NOBODY);
        RawHttp ada = accepted("127.0.0.1", "/ws?user=ada");

        server.drain();
        JsonNode body = refusal(handshake("127.0.0.2", "/ws?user=bob"), 503);

        assertThat(body.path("error").asText()).isEqualTo("shutting_down");
        assertThat(server.openConnections()).as("ada's connection").isEqualTo(1);
        assertThat(server.awaitNoConnections(Duration.ofMillis(50))).as("while ada is connected").isFalse();
        ada.close();
        assertThat(server.awaitNoConnections(WAIT)).as("once ada's connection has closed").isTrue();
    }

    @Test
    @DisplayName("past the total, a handshake gets 503 server_full with Retry-After and a JSON body, and no session")
    void total() {
        start(ConnectionLimits.none().withMaxConnections(2), userParameter, HandshakeUser.NOBODY);
        accepted("127.0.0.1", "/ws?user=ada");
        accepted("127.0.0.2", "/ws?user=bob");

        JsonNode body = refusal(handshake("127.0.0.3", "/ws?user=eve"), 503);

        assertThat(body.path("error").asText()).isEqualTo("server_full");
        assertThat(body.path("message").asText()).contains("2");
        assertThat(server.openConnections()).isEqualTo(2);
        await("the sessions of the accepted handshakes").atMost(WAIT).until(() -> opened.principals.size() == 2);
        assertThat(opened.principals).containsExactlyInAnyOrder("ada", "bob");
    }

    @Test
    @DisplayName("past the limit per user, a handshake gets 429 too_many_connections_per_user; other users still"
            + " connect")
    void perUser() {
        start(ConnectionLimits.none().withMaxPerUser(2), userParameter, (handshake, principal) -> (String) principal);
        accepted("127.0.0.1", "/ws?user=ada");
        accepted("127.0.0.2", "/ws?user=ada");

        JsonNode body = refusal(handshake("127.0.0.3", "/ws?user=ada"), 429);

        assertThat(body.path("error").asText()).isEqualTo("too_many_connections_per_user");
        assertThat(body.path("message").asText()).contains("ada", "2");
        accepted("127.0.0.1", "/ws?user=bob");
        assertThat(server.openConnections()).isEqualTo(3);
        await("the sessions").atMost(WAIT).until(() -> opened.principals.size() == 3);
        assertThat(opened.principals).containsExactlyInAnyOrder("ada", "ada", "bob");
    }

    @Test
    @DisplayName("without a guard the user comes from the request; a connection without a user counts per address"
            + " only")
    void perUserWithoutGuard() {
        start(ConnectionLimits.none().withMaxPerUser(1), null,
                (handshake, principal) -> handshake.parameter("user").orElse(null));
        accepted("127.0.0.1", "/ws?user=ada");
        assertThat(refusal(handshake("127.0.0.1", "/ws?user=ada"), 429).path("error").asText())
                .isEqualTo("too_many_connections_per_user");
        accepted("127.0.0.1", "/ws");
        accepted("127.0.0.1", "/ws");
        assertThat(server.openConnections()).isEqualTo(3);
    }

    @Test
    @DisplayName("past the limit per address, a handshake gets 429 too_many_connections_per_ip; other addresses still"
            + " connect")
    void perAddress() {
        start(ConnectionLimits.none().withMaxPerAddress(2), userParameter, HandshakeUser.NOBODY);
        accepted("127.0.0.1", "/ws?user=ada");
        accepted("127.0.0.1", "/ws?user=bob");

        JsonNode body = refusal(handshake("127.0.0.1", "/ws?user=eve"), 429);

        assertThat(body.path("error").asText()).isEqualTo("too_many_connections_per_ip");
        assertThat(body.path("message").asText()).contains("2").doesNotContain("127.0.0.1");
        accepted("127.0.0.2", "/ws?user=eve");
        assertThat(server.openConnections()).isEqualTo(3);
    }

    @Test
    @DisplayName("the address limit comes before the guard: a flood from one address costs the guard nothing")
    void addressBeforeGuard() {
        List<String> checked = new java.util.concurrent.CopyOnWriteArrayList<>();
        start(ConnectionLimits.none().withMaxPerAddress(1), handshake -> {
            checked.add(handshake.parameter("user").orElse("?"));
            return HandshakeVerdict.accept("someone");
        }, HandshakeUser.NOBODY);
        accepted("127.0.0.1", "/ws?user=ada");
        refusal(handshake("127.0.0.1", "/ws?user=eve"), 429);
        assertThat(checked).containsExactly("ada");
    }

    @Test
    @DisplayName("a connection that closes frees its place: at the cap, after one closes, a new one is accepted")
    void closingFreesAPlace() throws Exception {
        start(ConnectionLimits.none().withMaxConnections(2), userParameter, HandshakeUser.NOBODY);
        RawHttp dropped = accepted("127.0.0.1", "/ws?user=ada");
        WebSocket closing = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(server.uri("ws", "/ws?user=bob"), new WebSocket.Listener() { })
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        refusal(handshake("127.0.0.1", "/ws?user=eve"), 503);

        dropped.close(); // the TCP connection goes without a close frame
        await("the dropped connection's place is free").atMost(WAIT).until(() -> server.openConnections() == 1);
        accepted("127.0.0.1", "/ws?user=eve");
        refusal(handshake("127.0.0.1", "/ws?user=zoe"), 503);

        closing.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        await("the closed session's place is free").atMost(WAIT).until(() -> server.openConnections() == 1);
        accepted("127.0.0.1", "/ws?user=zoe");
    }

    @Test
    @DisplayName("a handshake that is refused or fails leaves nothing behind: the guard's 401, Tyrus's 426, a path"
            + " without an endpoint")
    void failedHandshakesLeaveNothing() {
        start(ConnectionLimits.none().withMaxConnections(1), handshake -> handshake.parameter("user")
                .<HandshakeVerdict>map(HandshakeVerdict::accept)
                .orElse(HandshakeVerdict.reject(401, "unauthorized", "say who you are")), HandshakeUser.NOBODY);

        RawHttp guarded = handshake("127.0.0.1", "/ws");
        assertThat(guarded.status()).isEqualTo(401);
        RawHttp oldVersion = RawHttp.send(server.port(), RawHttp.upgrade("/ws?user=ada", "")
                .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"));
        sockets.add(oldVersion);
        assertThat(oldVersion.status()).as("Tyrus refuses a version it does not speak").isEqualTo(426);
        assertThat(oldVersion.closedByServer()).as("and the server closes the connection").isTrue();
        RawHttp nowhere = handshake("127.0.0.1", "/nowhere?user=ada");
        assertThat(nowhere.status()).isEqualTo(404);

        await("no place is held").atMost(WAIT).until(() -> server.openConnections() == 0);
        accepted("127.0.0.1", "/ws?user=ada");
        assertThat(opened.principals).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    @DisplayName("handshakes racing for the last places: exactly the limit is accepted, the rest get 503, and closing"
            + " them all frees every place")
    void race() throws Exception {
        int limit = 10;
        int attempts = 40;
        start(ConnectionLimits.none().withMaxConnections(limit), userParameter, HandshakeUser.NOBODY);
        ExecutorService clients = Executors.newFixedThreadPool(attempts);
        try {
            for (int round = 1; round <= 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<RawHttp>> answers = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    String from = "127.0.0." + (1 + i % 4);
                    answers.add(clients.submit(() -> {
                        go.await();
                        return RawHttp.send(from, server.port(), RawHttp.upgrade("/ws?user=u", ""));
                    }));
                }
                go.countDown();
                int upgraded = 0;
                int refused = 0;
                for (Future<RawHttp> answer : answers) {
                    RawHttp raw = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    sockets.add(raw);
                    if (raw.status() == 101) {
                        upgraded++;
                    } else if (raw.status() == 503) {
                        refused++;
                    }
                }
                assertThat(upgraded).as("round %d: upgraded", round).isEqualTo(limit);
                assertThat(refused).as("round %d: refused", round).isEqualTo(attempts - limit);
                assertThat(server.openConnections()).isEqualTo(limit);
                int sessions = opened.principals.size();
                assertThat(sessions).isLessThanOrEqualTo(round * limit);

                sockets.forEach(RawHttp::close);
                sockets.clear();
                await("round " + round + ": every place is free").atMost(WAIT)
                        .until(() -> server.openConnections() == 0);
            }
            await("every accepted handshake had a session").atMost(WAIT)
                    .until(() -> opened.principals.size() == 3 * limit);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @DisplayName("one user's handshakes racing from many addresses: exactly the limit per user is accepted, and the"
            + " refused ones hold no place for their address")
    void racePerUser() throws Exception {
        int limit = 5;
        int attempts = 30;
        start(ConnectionLimits.none().withMaxPerUser(limit).withMaxPerAddress(attempts), userParameter,
                (handshake, principal) -> (String) principal);
        ExecutorService clients = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RawHttp>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String from = "127.0.0." + (1 + i % 3);
                answers.add(clients.submit(() -> {
                    go.await();
                    return RawHttp.send(from, server.port(), RawHttp.upgrade("/ws?user=ada", ""));
                }));
            }
            go.countDown();
            int upgraded = 0;
            for (Future<RawHttp> answer : answers) {
                RawHttp raw = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                sockets.add(raw);
                upgraded += raw.status() == 101 ? 1 : 0;
            }
            assertThat(upgraded).isEqualTo(limit);
            assertThat(server.openConnections()).isEqualTo(limit);
            accepted("127.0.0.1", "/ws?user=bob");
        } finally {
            clients.shutdownNow();
        }
    }

    @Nested
    @DisplayName("ConnectionLimits")
    class Values {

        @Test
        @DisplayName("the defaults are 10,000 in total, 20 per user, 500 per address, retry after 10 s")
        void defaults() {
            assertThat(ConnectionLimits.defaults()).isEqualTo(new ConnectionLimits(10_000, 20, 500,
                    Duration.ofSeconds(10)));
        }

        @Test
        @DisplayName("the environment overrides each limit, 0 is no limit, and a bad value names its variable")
        void environment() {
            assertThat(ConnectionLimits.fromEnvironment(Map.of("MAX_CONNECTIONS", "50",
                    "MAX_CONNECTIONS_PER_USER", "3", "MAX_CONNECTIONS_PER_IP", "0")))
                    .isEqualTo(new ConnectionLimits(50, 3, 0, Duration.ofSeconds(10)));
            assertThat(ConnectionLimits.fromEnvironment(Map.of())).isEqualTo(ConnectionLimits.defaults());
            assertThatThrownBy(() -> ConnectionLimits.fromEnvironment(Map.of("MAX_CONNECTIONS_PER_IP", "many")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_CONNECTIONS_PER_IP");
            assertThatThrownBy(() -> ConnectionLimits.fromEnvironment(Map.of("MAX_CONNECTIONS", "-1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_CONNECTIONS");
        }
    }
}
