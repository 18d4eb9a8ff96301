package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    private static HttpResponse<String> get(URI uri, Map<String, String> headers) {
        return Http.send("GET", uri, null, headers);
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> headers) {
        return Http.send("POST", uri, Map.of(), headers);
    }
}
