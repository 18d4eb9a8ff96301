package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.WsTestClient;

@DisplayName("Switching authentication and the dev login off")
class SwitchesTest {

    @Nested
    @DisplayName("with AUTH_REQUIRED=false")
    class AuthOff {
        @RegisterExtension
        final RunningAuthServer server = new RunningAuthServer(
                AuthServerConfig.forTests().withAuth(AuthConfig.forTests().withRequired(false)));

        @Test
        @DisplayName("anyone connects as lesson 02's ?user=, and the admin API is open")
        void lessonTwoRules() {
            WsTestClient ada = server.open(server.uri("ws", "/ws?user=ada"), Map.of());
            assertThat(ada.awaitMessage("connected", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("ada");
            assertThat(Http.get(server.uri("http", "/api/stats")).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("with DEV_LOGIN=false")
    class DevLoginOff {
        @RegisterExtension
        final RunningAuthServer server = new RunningAuthServer(
                AuthServerConfig.forTests().withAuth(AuthConfig.forTests().withDevLogin(false)));

        @Test
        @DisplayName("POST /api/token is a 404 that says why")
        void noTokens() {
            HttpResponse<String> response = Http.postJson(server.uri("http", "/api/token"), Map.of("user", "ada"));
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(Http.json(response).get("message").asText()).contains("DEV_LOGIN=false");
        }
    }

    @Test
    @DisplayName("a JWT_SECRET shorter than 32 bytes is refused at start-up, and production needs one")
    void keyRules() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                AuthConfig.fromEnvironment(Map.of("JWT_SECRET", "too-short"))).hasMessageContaining("at least 32");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                AuthConfig.fromEnvironment(Map.of("DEV_MODE", "false"))).hasMessageContaining("JWT_SECRET");
        assertThat(AuthConfig.fromEnvironment(Map.of()).keyGenerated()).isTrue();
    }

    @Test
    @DisplayName("an API key's name is the user its connections get, so it must be a user name: refused at start-up")
    void apiKeyNamesAreUsers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                AuthConfig.fromEnvironment(Map.of("API_KEYS", "billing service:s3cret-key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API_KEYS").hasMessageContaining("billing service")
                .hasMessageNotContaining("s3cret-key");
        assertThat(AuthConfig.fromEnvironment(Map.of("API_KEYS", "billing:s3cret-key")).apiKeys())
                .containsEntry("s3cret-key", "billing");
    }
}
