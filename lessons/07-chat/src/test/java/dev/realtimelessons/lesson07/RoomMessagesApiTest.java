package dev.realtimelessons.lesson07;

import static dev.realtimelessons.lesson07.RunningChat.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("postgres")
@Tag("redis")
@DisplayName("The back end's room API")
class RoomMessagesApiTest {

    /** The API key of {@code AuthConfig.forTests()}, whose service is "billing". */
    private static final Map<String, String> API_KEY = Map.of("X-API-Key", "test-service-key");

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningChat chat = new RunningChat(redis, postgres);

    private static URI messages(ClusterServer server, String room) {
        return server.uri("http", "/api/rooms/" + room + "/messages");
    }

    @Test
    @DisplayName("stores a back end's message and delivers it to the room's members on every server, once")
    void storesAndDelivers() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WsTestClient ada = chat.member(b, "ada", "orders");

        HttpResponse<String> first = Http.send("POST", messages(a, "orders"),
                Map.of("data", Map.of("text", "order 42 shipped"), "client_msg_id", "order-42-shipped"), API_KEY);
        HttpResponse<String> retry = Http.send("POST", messages(a, "orders"),
                Map.of("data", Map.of("text", "order 42 shipped"), "client_msg_id", "order-42-shipped"), API_KEY);
        HttpResponse<String> next = Http.send("POST", messages(a, "orders"), Map.of("data", "order 43 paid"), API_KEY);

        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode created = Http.json(first);
        assertThat(created.get("seq").asLong()).isEqualTo(1);
        assertThat(created.get("retry").asBoolean()).isFalse();
        assertThat(Http.json(retry).get("seq").asLong()).as("the retry's seq").isEqualTo(1);
        assertThat(Http.json(retry).get("retry").asBoolean()).isTrue();
        JsonNode message = ada.awaitMessage("message", WAIT);
        assertThat(message.get("from").asText()).as("the API key's service").isEqualTo("billing");
        assertThat(message.get("seq").asLong()).isEqualTo(1);
        assertThat(ada.awaitMessage("message", WAIT).get("seq").asLong()).as("then 43's, not the retry")
                .isEqualTo(Http.json(next).get("seq").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("refuses a caller without an API key, and bad input with the documented errors")
    void refusals() {
        ClusterServer a = chat.start();

        HttpResponse<String> anonymous = Http.send("POST", messages(a, "orders"), Map.of("data", "x"), Map.of());
        HttpResponse<String> noData = Http.send("POST", messages(a, "orders"), Map.of("text", "x"), API_KEY);
        HttpResponse<String> badId = Http.send("POST", messages(a, "orders"),
                Map.of("data", "x", "client_msg_id", "not ok"), API_KEY);
        HttpResponse<String> badRoom = Http.send("POST", messages(a, "_no-leading-underscore"), Map.of("data", "x"),
                API_KEY);
        HttpResponse<String> get = Http.send("GET", messages(a, "orders"), null, API_KEY);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(noData.statusCode()).isEqualTo(400);
        assertThat(Http.json(noData).get("error").asText()).isEqualTo("invalid_field");
        assertThat(Http.json(badId).get("error").asText()).isEqualTo("invalid_field");
        assertThat(badRoom.statusCode()).isEqualTo(400);
        assertThat(Http.json(badRoom).get("error").asText()).isEqualTo("invalid_room");
        assertThat(get.statusCode()).isEqualTo(405);
    }
}
