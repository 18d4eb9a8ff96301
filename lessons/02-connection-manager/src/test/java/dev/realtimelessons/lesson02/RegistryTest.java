package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step2;

@Step2
@DisplayName("Step 2: the registry")
class RegistryTest {

    @RegisterExtension
    final RunningChatServer server = new RunningChatServer(ChatServerConfig.forTests());

    @Test
    @DisplayName("counts connections, distinct users, and connections per user, over the protocol and REST")
    void countsConnectionsAndUsers() {
        WsTestClient ada = server.connect("ada");
        server.connect("ada");
        server.connect("bob");

        ada.send(Map.of("type", "stats", "id", "s1"));
        JsonNode stats = ada.awaitMessage("stats", RunningChatServer.WAIT);

        assertThat(stats.get("id").asText()).isEqualTo("s1");
        assertThat(stats.get("connections").asInt()).isEqualTo(3);
        assertThat(stats.get("users").asInt()).isEqualTo(2);
        assertThat(stats.get("per_user").get("ada").asInt()).isEqualTo(2);
        assertThat(stats.get("per_user").get("bob").asInt()).isEqualTo(1);
        JsonNode rest = Http.json(Http.get(server.uri("http", "/api/stats")));
        assertThat(rest.get("connections").asInt()).isEqualTo(3);
        assertThat(rest.get("per_user")).isEqualTo(stats.get("per_user"));
    }

    @Test
    @DisplayName("gives a connection without a user an anonymous name")
    void namesAnonymousConnections() {
        WsTestClient anonymous = WsTestClient.connect(server.uri("ws", "/ws"));
        try {
            assertThat(anonymous.awaitMessage("connected", RunningChatServer.WAIT).get("user").asText())
                    .startsWith("anon-");
        } finally {
            anonymous.abort();
        }
    }

    @Test
    @DisplayName("keeps no entry after its connection: 200 connections opened and closed leave the registry empty")
    void noEntrySurvivesItsConnection() {
        for (int i = 0; i < 200; i++) {
            WsTestClient client = server.connect("user" + (i % 7));
            if (i % 2 == 0) {
                client.close(); // a clean close
            } else {
                client.abort(); // a dropped connection
            }
        }

        server.awaitConnections(0);
        assertThat(server.app().connections().stats().perUser()).as("users left in the registry").isEmpty();
    }

    @Test
    @DisplayName("lists connections over REST, and closes one on DELETE")
    void listsAndClosesConnections() {
        WsTestClient ada = server.connect("ada");
        JsonNode list = Http.json(Http.get(server.uri("http", "/api/connections")));
        assertThat(list.get("connections")).hasSize(1);
        String id = list.get("connections").get(0).get("id").asText();

        HttpResponse<String> deleted = Http.send("DELETE", server.uri("http", "/api/connections/" + id), null);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(ada.awaitClose(RunningChatServer.WAIT).code()).isEqualTo(1000);
        server.awaitConnections(0);
    }

    @Test
    @DisplayName("a server that shuts down tells every client it is going away: close 1001, after what was queued")
    void goingAway() {
        ChatServer closing = ChatServer.start(ChatServerConfig.forTests());
        try (WsTestClient ada = WsTestClient.connect(closing.uri("ws", "/ws?user=ada"))) {
            ada.awaitMessage("connected", RunningChatServer.WAIT);

            closing.close();

            assertThat(ada.awaitClose(RunningChatServer.WAIT).code()).as("ada's close code").isEqualTo(1001);
        } finally {
            closing.close();
        }
    }
}
