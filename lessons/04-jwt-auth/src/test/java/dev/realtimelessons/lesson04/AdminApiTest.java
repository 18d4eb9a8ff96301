package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.WsTestClient;

@DisplayName("The dev login and the admin API")
class AdminApiTest {

    @RegisterExtension
    final RunningAuthServer server = new RunningAuthServer(AuthServerConfig.forTests());

    @Test
    @DisplayName("the admin API needs an API key or the admin role")
    void adminApi() {
        URI stats = server.uri("http", "/api/stats");
        assertThat(get(stats, Map.of()).statusCode()).isEqualTo(401);
        assertThat(get(stats, Map.of("X-API-Key", "nope")).statusCode()).isEqualTo(401);
        assertThat(get(stats, Map.of("X-API-Key", "test-service-key")).statusCode()).isEqualTo(200);
        String ada = server.token("ada", Set.of(), Set.of());
        HttpResponse<String> forbidden = get(stats, Map.of("Authorization", "Bearer " + ada));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Json.tree(forbidden.body()).get("error").asText()).isEqualTo("not_authorized");
        String admin = server.token("root", Set.of("admin"), Set.of());
        assertThat(get(stats, Map.of("Authorization", "Bearer " + admin)).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("an admin can log a user out everywhere: POST /api/logout/{user} closes each connection with 4002")
    void logoutFromTheBackEnd() {
        WsTestClient phone = server.connect("ada");
        WsTestClient laptop = server.connect("ada");
        WsTestClient bob = server.connect("bob");
        HttpResponse<String> refused = Http.postJson(server.uri("http", "/api/logout/ada"), Map.of());
        assertThat(refused.statusCode()).isEqualTo(401);

        HttpResponse<String> answer = post(server.uri("http", "/api/logout/ada"),
                Map.of("X-API-Key", "test-service-key"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Json.tree(answer.body()).get("closed").asInt()).isEqualTo(2);
        assertThat(phone.awaitClose(RunningAuthServer.WAIT).code()).isEqualTo(AuthHandlers.LOGGED_OUT);
        assertThat(laptop.awaitClose(RunningAuthServer.WAIT).code()).isEqualTo(AuthHandlers.LOGGED_OUT);
        assertThat(bob.closeStatus()).isEmpty();
    }

    @Test
    @DisplayName("the dev login hands out a token that opens a connection")
    void devLogin() {
        HttpResponse<String> response = Http.postJson(server.uri("http", "/api/token"), Map.of("user", "ada"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Http.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(900);

        WsTestClient ada = server.open(server.uri("ws", "/ws?token=" + body.get("token").asText()), Map.of());
        assertThat(ada.awaitMessage("connected", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("ada");
    }

    @Test
    @DisplayName("the dev login refuses a bad user name")
    void devLoginValidates() {
        HttpResponse<String> response = Http.postJson(server.uri("http", "/api/token"), Map.of("user", "no spaces"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_field");
    }

    @Test
    @DisplayName("POST /api/logout/{user} refuses a bad user name as /api/notify does: 400 invalid_field")
    void logoutValidatesTheUser() {
        WsTestClient ada = server.connect("ada");
        Map<String, String> key = Map.of("X-API-Key", "test-service-key");

        HttpResponse<String> notify = Http.send("POST", server.uri("http", "/api/notify/a%20b"),
                Map.of("data", "hi"), key);
        HttpResponse<String> logout = post(server.uri("http", "/api/logout/a%20b"), key);
        HttpResponse<String> empty = post(server.uri("http", "/api/logout/"), key);

        for (HttpResponse<String> answer : List.of(notify, logout, empty)) {
            assertThat(answer.statusCode()).as(answer.uri() + " status").isEqualTo(400);
            assertThat(Http.json(answer).get("error").asText()).isEqualTo("invalid_field");
        }
        assertThat(Http.json(logout).get("message").asText()).isEqualTo(Http.json(notify).get("message").asText());
        ada.send(Map.of("type", "ping", "id", "p"));
        ada.awaitMessage("pong", RunningAuthServer.WAIT);
    }

    static Stream<Arguments> badLogins() {
        return Stream.of(
                Arguments.of("{\"user\":5}", "user"),
                Arguments.of("{\"roles\":[\"admin\"]}", "user"),
                Arguments.of("{\"user\":\"ada\",\"roles\":\"admin\"}", "roles"),
                Arguments.of("{\"user\":\"ada\",\"roles\":[1]}", "roles"),
                Arguments.of("{\"user\":\"ada\",\"roles\":[\"admin\",null]}", "roles"),
                Arguments.of("{\"user\":\"ada\",\"rooms\":[1]}", "rooms"),
                Arguments.of("{\"user\":\"ada\",\"rooms\":{\"team\":true}}", "rooms"),
                Arguments.of("{\"user\":\"ada\",\"rooms\":[\"no spaces\"]}", "rooms"),
                Arguments.of("{\"user\":\"ada\",\"rooms\":[\"" + "a".repeat(57) + "\"]}", "rooms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLogins")
    @DisplayName("the dev login refuses a field it would otherwise have to rewrite: 400 invalid_field naming it")
    void devLoginRefusesBadFields(String body, String field) {
        HttpResponse<String> response = Http.postJson(server.uri("http", "/api/token"), body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Http.json(response);
        assertThat(error.get("error").asText()).isEqualTo("invalid_field");
        assertThat(error.get("message").asText()).startsWith(field + " ");
    }

    @Test
    @DisplayName("the dev login puts the roles and rooms it was given into the token, and refuses a body that is not an object")
    void devLoginRolesAndRooms() throws AuthFailure {
        HttpResponse<String> response = Http.postJson(server.uri("http", "/api/token"),
                Map.of("user", "ada", "roles", List.of("admin"), "rooms", List.of("team", "a".repeat(56))));
        assertThat(response.statusCode()).isEqualTo(200);
        Authenticated ada = new TokenVerifier(server.server().authConfig(), Clock.systemUTC())
                .verify(Http.json(response).get("token").asText(), Authenticated.Via.BEARER_HEADER);
        assertThat(ada.roles()).containsExactly("admin");
        assertThat(ada.rooms()).containsExactlyInAnyOrder("team", "a".repeat(56));

        HttpResponse<String> array = Http.postJson(server.uri("http", "/api/token"), "[\"ada\"]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(Http.json(array).get("error").asText()).isEqualTo("malformed_json");
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        return Http.send("GET", uri, null, headers);
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> headers) {
        return Http.send("POST", uri, Map.of(), headers);
    }
}
