package dev.realtimelessons.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.WsTestClient.CloseStatus;
import dev.realtimelessons.kit.testing.steps.Step3;

@Step3
@DisplayName("Step 3: the WebSocket push")
class WebSocketPushTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final RunningFeedServer server = RunningFeedServer.with(FeedServerConfig.forTests());

    @Test
    @DisplayName("every event arrives as one JSON text message, in order")
    void pushesEveryEventInOrder() {
        try (WsTestClient client = WsTestClient.connect(server.uri("ws", "/ws"))) {
            server.awaitSubscribers(1, "WebSocket sessions");

            server.publish(5);

            for (int id = 1; id <= 5; id++) {
                JsonNode event = client.awaitJson(WAIT);
                assertThat(event.get("id").asInt()).isEqualTo(id);
                assertThat(event.get("symbol").asText()).isEqualTo("ACME");
                assertThat(event.has("price")).isTrue();
                assertThat(event.has("ts")).isTrue();
            }
        }
    }

    @Test
    @DisplayName("?since= replays what the client missed, then goes on live")
    void replaysFromSince() {
        server.publish(3);
        try (WsTestClient client = WsTestClient.connect(server.uri("ws", "/ws?since=1"))) {
            assertThat(client.awaitJson(WAIT).get("id").asInt()).isEqualTo(2);
            assertThat(client.awaitJson(WAIT).get("id").asInt()).isEqualTo(3);
            server.publish(1);
            assertThat(client.awaitJson(WAIT).get("id").asInt()).isEqualTo(4);
        }
    }

    @Test
    @DisplayName("a client that reconnects with the last id it saw loses nothing and gets nothing twice")
    void resumesAfterADisconnect() {
        long lastSeen;
        try (WsTestClient first = WsTestClient.connect(server.uri("ws", "/ws"))) {
            server.awaitSubscribers(1, "WebSocket sessions");
            server.publish(2);
            first.awaitJson(WAIT);
            lastSeen = first.awaitJson(WAIT).get("id").asLong();
        }
        server.awaitSubscribers(0, "WebSocket sessions");
        server.publish(2);

        try (WsTestClient again = WsTestClient.connect(server.uri("ws", "/ws?since=" + lastSeen))) {
            assertThat(again.awaitJson(WAIT).get("id").asInt()).isEqualTo(3);
            assertThat(again.awaitJson(WAIT).get("id").asInt()).isEqualTo(4);
            server.publish(1);
            assertThat(again.awaitJson(WAIT).get("id").asInt()).isEqualTo(5);
            assertThat(again.received()).hasSize(3);
        }
    }

    @Test
    @DisplayName("a client that vanishes without a close frame leaves no subscription behind")
    void forgetsAVanishedClient() {
        WsTestClient client = WsTestClient.connect(server.uri("ws", "/ws"));
        server.awaitSubscribers(1, "WebSocket sessions");

        client.abort();

        server.awaitSubscribers(0, "WebSocket sessions");
    }

    @ParameterizedTest(name = "since={0}")
    @DisplayName("an invalid since closes the connection with 1008 and says why")
    @ValueSource(strings = {"abc", "+3", "%203"})
    void closesOnInvalidSince(String since) {
        server.publish(3);
        try (WsTestClient client = WsTestClient.connect(server.uri("ws", "/ws?since=" + since))) {
            CloseStatus status = client.awaitClose(WAIT);
            assertThat(status.code()).isEqualTo(1008);
            assertThat(status.reason()).contains("since");
        }
        assertThat(server.feed().subscriberCount()).isZero();
    }
}
