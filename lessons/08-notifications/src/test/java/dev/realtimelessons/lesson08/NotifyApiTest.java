package dev.realtimelessons.lesson08;

import static dev.realtimelessons.lesson08.RunningNotifications.WAIT;
import static dev.realtimelessons.lesson08.RunningNotifications.awaitEvent;
import static dev.realtimelessons.lesson08.RunningNotifications.post;
import static dev.realtimelessons.lesson08.RunningNotifications.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.SseEvent;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("postgres")
@Tag("redis")
@DisplayName("The back ends' notification API")
class NotifyApiTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    record BadBody(String name, Object body, String code, String mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "info", "title", "t"));
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return body;
    }

    static Stream<BadBody> badBodies() {
        return Stream.of(
                new BadBody("not JSON", "{", "malformed_json", ""),
                new BadBody("not an object", "[1]", "malformed_json", "object"),
                new BadBody("no type", with("type", null), "invalid_field", "type"),
                new BadBody("an unknown type", with("type", "urgent"), "invalid_field", "type"),
                new BadBody("no title", with("title", null), "invalid_field", "title"),
                new BadBody("a blank title", with("title", "  "), "invalid_field", "title"),
                new BadBody("a title of 121 characters", with("title", "x".repeat(121)), "invalid_field", "title"),
                new BadBody("a body of 2,001 characters", with("body", "x".repeat(2_001)), "invalid_field", "body"),
                new BadBody("a javascript: link", with("link", "javascript:alert(1)"), "invalid_field", "link"),
                new BadBody("a protocol-relative link", with("link", "//evil.example/x"), "invalid_field", "link"),
                new BadBody("a path link with a backslash", with("link", "/\\evil.example"), "invalid_field", "link"),
                new BadBody("auto_hide not a boolean", with("auto_hide", "yes"), "invalid_field", "auto_hide"),
                new BadBody("a duration under 1 s", with("duration", 999), "invalid_field", "duration"),
                new BadBody("a duration with auto_hide false",
                        Map.of("type", "info", "title", "t", "auto_hide", false, "duration", 3000),
                        "invalid_field", "auto_hide"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    @DisplayName("a bad body is a 400 that names the rule, and nothing is stored")
    void badBody(BadBody bad) {
        ClusterServer a = service.start();

        HttpResponse<String> response = post(a, "/api/notify/ada", bad.body());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = Http.json(response);
        assertThat(error.get("error").asText()).isEqualTo(bad.code());
        assertThat(error.get("message").asText()).contains(bad.mentions());
        SseTestClient ada = service.stream(a, "ada", "0-0/0-0");
        assertThat(Json.tree(awaitEvent(ada, "ready").data()).get("replayed").asInt()).as("stored").isZero();
    }

    @Test
    @DisplayName("a typed notification keeps its fields, with defaults, and a server id")
    void typedFields() {
        ClusterServer a = service.start();
        SseTestClient ada = service.stream(a, "ada");
        awaitEvent(ada, "ready");

        HttpResponse<String> response = post(a, "/api/notify/ada", Map.of("type", "success", "title", "Paid",
                "body", "Invoice 42 is paid.", "link", "/invoices/42"));
        JsonNode data = Json.tree(awaitEvent(ada, "notification").data());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(data.get("id").asText()).isEqualTo(Http.json(response).get("id").asText()).hasSize(36);
        assertThat(data.get("type").asText()).isEqualTo("success");
        assertThat(data.get("body").asText()).isEqualTo("Invoice 42 is paid.");
        assertThat(data.get("link").asText()).isEqualTo("/invoices/42");
        assertThat(data.get("auto_hide").asBoolean()).isTrue();
        assertThat(data.get("duration").asInt()).isEqualTo(5_000);
        assertThat(data.has("created_at")).isTrue();
        assertThat(data.has("room")).isFalse();
    }

    @Test
    @DisplayName("reads the JSON body whatever its content type says, as curl -d sends it")
    void formContentType() throws Exception {
        ClusterServer a = service.start();
        HttpRequest request = HttpRequest.newBuilder(a.uri("http", "/api/notify/ada"))
                .header("X-API-Key", "test-service-key")
                .header("Content-Type", "application/x-www-form-urlencoded") // curl -d's default
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"info\",\"title\":\"by curl\"}")).build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    @DisplayName("needs an API key: 401 without one, 403 for a user's token, 400 for a bad user or exclude_user")
    void access() {
        ClusterServer a = service.start();
        Map<String, Object> body = Map.of("type", "info", "title", "t");

        HttpResponse<String> anonymous = Http.send("POST", a.uri("http", "/api/notify/ada"), body, Map.of());
        HttpResponse<String> user = Http.send("POST", a.uri("http", "/api/notify/ada"), body,
                Map.of("Authorization", "Bearer " + service.token("bob")));
        HttpResponse<String> badUser = post(a, "/api/notify/no*pe", body);
        HttpResponse<String> badExclude = post(a, "/api/broadcast", Map.of("type", "info", "title", "t",
                "exclude_user", 7));
        HttpResponse<String> get = Http.send("GET", a.uri("http", "/api/broadcast"), null,
                RunningNotifications.API_KEY);
        HttpResponse<String> tooLarge = post(a, "/api/notify/ada", Map.of("type", "info", "title", "t",
                "body", "x".repeat(70_000)));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(badUser.statusCode()).isEqualTo(400);
        assertThat(badExclude.statusCode()).isEqualTo(400);
        assertThat(Http.json(badExclude).get("message").asText()).contains("exclude_user");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    @Test
    @DisplayName("a room's notification and its chat messages reach its followers' streams, not its author's")
    void followers() {
        ClusterServer a = service.start();
        ClusterServer b = service.start();
        WsTestClient ada = service.connect(a, "ada");
        WsTestClient bob = service.connect(b, "bob");
        request(ada, Map.of("type", "join", "id", "j1", "room", "ops"));
        request(bob, Map.of("type", "join", "id", "j2", "room", "ops"));
        SseTestClient adaStream = service.stream(b, "ada");
        SseTestClient bobStream = service.stream(a, "bob");
        awaitEvent(adaStream, "ready");
        awaitEvent(bobStream, "ready");

        HttpResponse<String> notified = post(a, "/api/rooms/ops/notify", Map.of("type", "warning",
                "title", "deploy at 14:00"));
        request(ada, Map.of("type", "publish", "id", "p1", "room", "ops", "data", Map.of("text", "shipping")));
        SseEvent bobsNotification = awaitEvent(bobStream, "notification");
        SseEvent bobsMessage = awaitEvent(bobStream, "message");
        SseEvent adasNotification = awaitEvent(adaStream, "notification");

        assertThat(notified.statusCode()).as(notified.body()).isEqualTo(201);
        assertThat(Http.json(notified).get("followers").asInt()).isEqualTo(2);
        assertThat(Json.tree(bobsNotification.data()).get("room").asText()).isEqualTo("ops");
        JsonNode message = Json.tree(bobsMessage.data());
        assertThat(message.get("from").asText()).isEqualTo("ada");
        assertThat(message.get("data").get("text").asText()).isEqualTo("shipping");
        assertThat(message.get("seq").asLong()).isPositive();
        assertThat(Json.tree(adasNotification.data()).get("title").asText()).isEqualTo("deploy at 14:00");
        request(bob, Map.of("type", "leave", "id", "l1", "room", "ops"));
        HttpResponse<String> again = post(a, "/api/rooms/ops/notify", Map.of("type", "info", "title", "later"));
        assertThat(Http.json(again).get("followers").asInt()).as("bob left: he follows it no more").isEqualTo(1);
        SseEvent next = adaStream.awaitEvent(WAIT); // her message came before "later": had she got it, it is next
        assertThat(next.event()).as("ada's own message is not in her stream").isEqualTo("notification");
        assertThat(Json.tree(next.data()).get("title").asText()).isEqualTo("later");
    }
}
