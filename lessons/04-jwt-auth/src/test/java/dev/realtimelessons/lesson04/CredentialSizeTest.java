package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.server.Handshake;
import dev.realtimelessons.kit.server.RealtimeServer;
import dev.realtimelessons.kit.testing.Http;

@DisplayName("Credentials too large to read")
class CredentialSizeTest {

    /** Past the token limit, within the request head limit. */
    private static final String TOKEN_8_KB = "a".repeat(CredentialSize.MAX_TOKEN_BYTES + 8);
    /** Past the request head limit. */
    private static final String TOKEN_20_KB = "a".repeat(20 * 1024);

    @RegisterExtension
    final RunningAuthServer server = new RunningAuthServer(AuthServerConfig.forTests());

    @Test
    @DisplayName("a token over 8 KiB, in the header or in ?token=, gets 401 invalid_token before anything parses it")
    void tokenOverTheLimit() {
        for (RunningAuthServer.Refusal refusal : new RunningAuthServer.Refusal[] {
                server.attempt("/ws", Map.of("Authorization", "Bearer " + TOKEN_8_KB)),
                server.attempt("/ws?token=" + TOKEN_8_KB, Map.of())}) {
            assertThat(refusal.status()).isEqualTo(401);
            assertThat(refusal.wwwAuthenticate()).isEqualTo("Bearer");
            assertThat(refusal.error()).isEqualTo("invalid_token");
            assertThat(refusal.body().path("message").asText())
                    .contains(Integer.toString(CredentialSize.MAX_TOKEN_BYTES)).doesNotContain("aaaa");
        }
        assertThat(server.opened).as("users whose onOpen ran").isEmpty();
    }

    @Test
    @DisplayName("a token of 20 KB, in the header or in ?token=, gets 431 request_header_too_large: the request head"
            + " is over 16 KiB")
    void requestHeadOverTheLimit() {
        for (RunningAuthServer.Refusal refusal : new RunningAuthServer.Refusal[] {
                server.attempt("/ws", Map.of("Authorization", "Bearer " + TOKEN_20_KB)),
                server.attempt("/ws?token=" + TOKEN_20_KB, Map.of())}) {
            assertThat(refusal.status()).isEqualTo(431);
            assertThat(refusal.error()).isEqualTo("request_header_too_large");
            assertThat(refusal.body().path("message").asText())
                    .contains(Integer.toString(RealtimeServer.DEFAULT_MAX_REQUEST_HEAD_BYTES));
        }
        assertThat(server.opened).isEmpty();
    }

    @Test
    @DisplayName("the admin API refuses a token over 8 KiB the same way")
    void adminApi() {
        HttpResponse<String> answer = Http.send("GET", server.uri("http", "/api/stats"), null,
                Map.of("Authorization", "Bearer " + TOKEN_8_KB));
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        JsonNode body = Json.tree(answer.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    @DisplayName("a long Authorization header that is not Bearer is left to the authenticator: it is no token")
    void notBearer() {
        Handshake basic = new Handshake("/ws", Map.of(), Map.of("Authorization", List.of("Basic " + TOKEN_8_KB)),
                "127.0.0.1");
        assertThatCode(() -> CredentialSize.check(basic)).doesNotThrowAnyException();
    }
}
