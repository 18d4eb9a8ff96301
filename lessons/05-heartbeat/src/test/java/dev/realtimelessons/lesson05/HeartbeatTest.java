package dev.realtimelessons.lesson05;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.RawWebSocket;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step1;
import dev.realtimelessons.lesson04.AuthServerConfig;

@DisplayName("Step 1: the heartbeat finds dead connections and keeps live ones")
class HeartbeatTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration TIMEOUT = Duration.ofMillis(600); // room for a slow CI machine to pong

    @RegisterExtension
    final RunningHeartbeatServer server = new RunningHeartbeatServer(AuthServerConfig.forTests(),
            HeartbeatConfig.defaults().withTimes(INTERVAL, TIMEOUT));

    private final ScheduledExecutorService chatter = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopChatter() {
        chatter.shutdownNow();
    }

    @Test
    @Step1
    @DisplayName("a half-open peer that never answers pings is closed with 4008 and removed; an idle, healthy client stays")
    void halfOpenPeerIsRemoved() throws IOException {
        WsTestClient watcher = server.connect("watcher"); // the JDK answers every ping with a pong by itself

        try (RawWebSocket silent = silentPeer()) {
            await("the silent peer to be registered").atMost(RunningHeartbeatServer.WAIT)
                    .until(() -> server.server().app().connections().stats().perUser().containsKey("billing"));

            // From now on neither side sends anything; only the silent peer leaves its pings unanswered.
            assertThat(closeCodeSentTo(silent)).isEqualTo(HeartbeatServer.HEARTBEAT_TIMEOUT);
            assertThat(server.server().app().connections().stats().perUser()).containsOnlyKeys("watcher");
        }

        watcher.send(Map.of("type", "ping", "id", "still-here"));
        assertThat(watcher.awaitMessage("pong", RunningHeartbeatServer.WAIT).get("id").asText())
                .isEqualTo("still-here");
        assertThat(server.server().heartbeat().watched()).as("only the watcher is watched").isEqualTo(1);
    }

    @Test
    @DisplayName("a dead peer leaves its rooms, and the others are told (needs step 2's history to join)")
    void deadPeerLeavesItsRooms() throws IOException {
        WsTestClient watcher = server.connect("watcher");
        RunningHeartbeatServer.request(watcher, Map.of("type", "join", "id", "w", "room", "lobby"));

        try (RawWebSocket silent = silentPeer()) {
            silent.sendText("{\"type\":\"join\",\"room\":\"lobby\"}");
            assertThat(watcher.awaitMessage("joined", RunningHeartbeatServer.WAIT).get("user").asText())
                    .isEqualTo("billing");

            assertThat(watcher.awaitMessage("left", RunningHeartbeatServer.WAIT).get("user").asText())
                    .as("the silent peer's departure, announced to the room").isEqualTo("billing");
            assertThat(server.server().auth().rooms().rooms().room("lobby").orElseThrow().users())
                    .containsExactly("watcher");
        }
    }

    @Test
    @Step1
    @DisplayName("any frame counts as a sign of life: a client that chats but never answers pings is kept")
    void anyFrameCounts() throws IOException {
        try (RawWebSocket chatty = silentPeer()) {
            chatter.scheduleAtFixedRate(() -> {
                try {
                    chatty.sendText("{\"type\":\"ping\"}"); // a browser's heartbeat: it cannot send ping frames
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, INTERVAL.toMillis() / 3, TimeUnit.MILLISECONDS);

            await("the chatty client to be kept for 3 intervals + timeouts")
                    .during(INTERVAL.plus(TIMEOUT).multipliedBy(3)).atMost(RunningHeartbeatServer.WAIT)
                    .until(() -> server.server().app().connections().stats().perUser().containsKey("billing"));
        }
    }

    @Test
    @Step1
    @DisplayName("a connection that closes stops being watched")
    void closedConnectionsAreForgotten() {
        WsTestClient ada = server.connect("ada");
        await("ada's heartbeat to start").atMost(RunningHeartbeatServer.WAIT)
                .until(() -> server.server().heartbeat().watched() == 1);
        ada.close();
        await("ada's heartbeat to stop").atMost(RunningHeartbeatServer.WAIT)
                .until(() -> server.server().heartbeat().watched() == 0);
    }

    /** A client that completes the handshake and then reads nothing, so it never answers a ping. */
    private RawWebSocket silentPeer() throws IOException {
        RawWebSocket socket = RawWebSocket.open(server.uri("ws", "/ws"),
                Base64.getEncoder().encodeToString(new byte[16]), Map.of("X-API-Key", "test-service-key"));
        assertThat(socket.statusLine()).contains(" 101 ");
        return socket;
    }

    /** Skips the frames the server sent (connected, pings) up to its close frame, and returns the close code. */
    private static int closeCodeSentTo(RawWebSocket socket) throws IOException {
        InputStream in = socket.in();
        while (true) {
            int first = in.read();
            if (first < 0) {
                throw new AssertionError("the server closed the TCP connection without a close frame");
            }
            int length = in.read() & 0x7F; // server frames are not masked
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            }
            byte[] payload = in.readNBytes(length);
            if ((first & 0x0F) == 0x8) {
                return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            }
        }
    }
}
