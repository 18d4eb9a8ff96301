package dev.realtimelessons.lesson05.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.Futures;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson05.HeartbeatConfig;
import dev.realtimelessons.lesson05.HeartbeatServer;

@DisplayName("The reconnecting client")
class ReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final AuthServerConfig config = AuthServerConfig.forTests(); // one key for every server of a test
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private final List<Long> delivered = new CopyOnWriteArrayList<>();
    private final List<Recovery> recoveries = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    /** Holds each reconnect attempt until the test opens it: what happens while the client is away is the test's. */
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));

    @AfterEach
    void closeAll() throws Exception {
        gate.get().countDown();
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    @DisplayName("cut off while others publish, it reconnects, rejoins and gets what it missed: in order, once")
    void resumesAfterADrop() {
        HeartbeatServer server = start(config);
        RealtimeClient ada = client(server);
        Futures.await(ada.connect(), WAIT, "ada's connect");
        Futures.await(ada.join("lobby"), WAIT, "ada's join of lobby");
        WsTestClient bob = publisher(server);
        publish(bob, 1, 5);
        await("messages 1 to 5").atMost(WAIT).until(() -> delivered.size() == 5);

        gate.set(new CountDownLatch(1));
        Connection adas = server.app().connections().connections().stream()
                .filter(connection -> connection.user().equals("ada")).findFirst().orElseThrow();
        server.app().drop(adas, 1012, "test: cut off");
        await("ada to notice").atMost(WAIT)
                .untilAsserted(() -> assertThat(states).as("ada's states so far (now %s)", ada.state())
                        .contains(ConnectionState.RECONNECTING));
        publish(bob, 6, 10); // while ada is away
        gate.get().countDown();

        await("messages 6 to 10, after the reconnect").atMost(WAIT).until(() -> delivered.size() >= 10);
        publish(bob, 11, 12); // live again
        await("messages 11 and 12").atMost(WAIT).until(() -> delivered.size() >= 12);
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(recoveries).singleElement().satisfies(recovery -> {
            assertThat(recovery.recovered()).isTrue();
            assertThat(recovery.replayed()).isEqualTo(5);
        });
        assertThat(states).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.RECONNECTING,
                ConnectionState.CONNECTED);
    }

    @Test
    @DisplayName("after a server restart on the same port it reconnects and is told recovered: false, not left with a gap")
    void toldWhenHistoryIsLost() {
        HeartbeatServer first = start(config);
        int port = first.uri("ws", "/").getPort();
        RealtimeClient ada = client(first);
        Futures.await(ada.connect(), WAIT, "ada's connect");
        Futures.await(ada.join("lobby"), WAIT, "ada's join of lobby");
        WsTestClient bob = publisher(first);
        publish(bob, 1, 3);
        await("messages 1 to 3").atMost(WAIT).until(() -> delivered.size() == 3);

        first.close();
        await("ada to notice").atMost(WAIT)
                .untilAsserted(() -> assertThat(states).as("ada's states so far (now %s)", ada.state())
                        .contains(ConnectionState.RECONNECTING));
        HeartbeatServer second = start(config.withRooms(RoomsConfig.forTests()
                .withChat(ChatServerConfig.forTests().withPort(port))));

        await("the rejoin's outcome").atMost(WAIT).until(() -> !recoveries.isEmpty());
        assertThat(recoveries.get(0).recovered()).isFalse();
        assertThat(recoveries.get(0).epoch()).isNotEqualTo(null);
        publish(publisher(second), 1, 1); // numbering started again, in a new epoch: still delivered
        await("the new epoch's first message").atMost(WAIT).until(() -> delivered.size() == 4);
        assertThat(ada.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    @DisplayName("a logout (4002) ends the client for good instead of logging the user back in")
    void logoutIsFinal() {
        HeartbeatServer server = start(config);
        RealtimeClient ada = client(server);
        Futures.await(ada.connect(), WAIT, "ada's connect");

        server.auth().auth().logout("ada");

        await("ada's client to close").atMost(WAIT).until(() -> ada.state() == ConnectionState.CLOSED);
        assertThat(states).doesNotContain(ConnectionState.RECONNECTING);
        assertThat(server.app().connections().stats().connections()).isZero();
    }

    @Test
    @DisplayName("a handshake refused for its token (401) ends the client: a retry would be refused the same way")
    void refusedHandshakeIsFinal() {
        HeartbeatServer server = start(config);
        List<String> reasons = new CopyOnWriteArrayList<>();
        RealtimeClient mallory = RealtimeClient.builder(server.uri("ws", "/ws"))
                .header("Authorization", "Bearer not-a-token")
                .backoff(() -> new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 100, new Random(7)))
                .onState((from, to, reason) -> {
                    states.add(to);
                    reasons.add(reason);
                })
                .build();
        toClose.add(mallory);

        assertThat(mallory.connect()).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(RequestFailedException.class);
        assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CLOSED);
        assertThat(reasons.get(reasons.size() - 1)).as("why it stopped").contains("401");
    }

    private HeartbeatServer start(AuthServerConfig auth) {
        HeartbeatServer server = HeartbeatServer.start(auth, HeartbeatConfig.defaults());
        toClose.add(server);
        return server;
    }

    private RealtimeClient client(HeartbeatServer server) {
        String token = server.auth().issuer().issue("ada", java.util.Set.of(), java.util.Set.of());
        RealtimeClient client = RealtimeClient.builder(server.uri("ws", "/ws"))
                .headers(() -> {
                    try {
                        gate.get().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Map.of("Authorization", "Bearer " + token);
                })
                .backoff(() -> new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 100, new Random(7)))
                .onRoomMessage(message -> delivered.add(message.get("seq").asLong()))
                .onRecovery(recoveries::add)
                .onState((from, to, reason) -> states.add(to))
                .build();
        toClose.add(client);
        return client;
    }

    private WsTestClient publisher(HeartbeatServer server) {
        String token = server.auth().issuer().issue("bob", java.util.Set.of(), java.util.Set.of());
        WsTestClient bob = WsTestClient.connect(server.uri("ws", "/ws"), Map.of("Authorization", "Bearer " + token));
        toClose.add(bob);
        bob.awaitMessage("connected", WAIT);
        bob.send(Map.of("type", "join", "id", "j", "room", "lobby"));
        bob.awaitMessage("ack", WAIT);
        return bob;
    }

    private static void publish(WsTestClient bob, int from, int to) {
        for (int i = from; i <= to; i++) {
            bob.send(Map.of("type", "publish", "id", "p" + i, "room", "lobby", "data", TextNode.valueOf("m" + i)));
            JsonNode ack = bob.awaitMessage("ack", WAIT);
            assertThat(ack.get("id").asText()).isEqualTo("p" + i);
        }
    }
}
