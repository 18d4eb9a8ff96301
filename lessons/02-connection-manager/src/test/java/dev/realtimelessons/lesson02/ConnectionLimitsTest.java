package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.server.ConnectionLimits;
import dev.realtimelessons.kit.testing.RawWebSocket;
import dev.realtimelessons.kit.testing.WsTestClient;

@DisplayName("Connection limits at the handshake")
class ConnectionLimitsTest {

    @RegisterExtension
    final RunningChatServer server = new RunningChatServer(ChatServerConfig.forTests()
            .withConnectionLimits(new ConnectionLimits(3, 2, 0, ConnectionLimits.DEFAULT_RETRY_AFTER)));

    @Test
    @DisplayName("the limits come from MAX_CONNECTIONS, MAX_CONNECTIONS_PER_USER and MAX_CONNECTIONS_PER_IP")
    void fromEnvironment() {
        assertThat(ChatServerConfig.fromEnvironment(Map.of()).connectionLimits())
                .isEqualTo(ConnectionLimits.defaults());
        assertThat(ChatServerConfig.fromEnvironment(Map.of("MAX_CONNECTIONS", "100",
                "MAX_CONNECTIONS_PER_USER", "5", "MAX_CONNECTIONS_PER_IP", "0")).connectionLimits())
                .isEqualTo(new ConnectionLimits(100, 5, 0, ConnectionLimits.DEFAULT_RETRY_AFTER));
    }

    @Test
    @DisplayName("a user's connection past the limit per user is refused with 429 before it exists; once one closes,"
            + " the user connects again")
    void perUser() throws IOException {
        WsTestClient first = server.connect("ada");
        server.connect("ada");

        JsonNode refusal = refused("/ws?user=ada", 429, "too_many_connections_per_user");
        assertThat(refusal.path("message").asText()).contains("ada");
        assertThat(server.app().connections().stats().perUser()).isEqualTo(Map.of("ada", 2));

        first.close();
        server.awaitConnections(1);
        await("ada's place is free").atMost(RunningChatServer.WAIT).untilAsserted(() ->
                assertThat(attemptStatus("/ws?user=ada")).isEqualTo(101));
    }

    @Test
    @DisplayName("anonymous connections count in total, not per user; past the total, 503 server_full")
    void anonymousAndTotal() throws IOException {
        server.open(server.uri("ws", "/ws"));
        server.open(server.uri("ws", "/ws"));
        server.connect("bob");
        server.awaitConnections(3);

        refused("/ws?user=zoe", 503, "server_full");
        assertThat(server.app().connections().stats().connections()).isEqualTo(3);
    }

    /** A handshake by hand that must be refused; the refusal's body. */
    private JsonNode refused(String pathAndQuery, int status, String error) throws IOException {
        try (RawWebSocket socket = RawWebSocket.open(server.uri("ws", pathAndQuery),
                Base64.getEncoder().encodeToString(new byte[16]))) {
            assertThat(socket.statusLine()).contains(" " + status + " ");
            assertThat(socket.header("Retry-After")).isEqualTo("10");
            JsonNode body = Json.tree(socket.readToEnd());
            assertThat(body.path("error").asText()).isEqualTo(error);
            return body;
        }
    }

    /** The status of a handshake by hand; an upgraded one is closed at once. */
    private int attemptStatus(String pathAndQuery) throws IOException {
        try (RawWebSocket socket = RawWebSocket.open(server.uri("ws", pathAndQuery),
                Base64.getEncoder().encodeToString(new byte[16]))) {
            return Integer.parseInt(socket.statusLine().split(" ")[1]);
        }
    }
}
