package dev.realtimelessons.lesson08;

import static dev.realtimelessons.lesson08.RunningNotifications.API_KEY;
import static dev.realtimelessons.lesson08.RunningNotifications.awaitEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.steps.Step5;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("postgres")
@Tag("redis")
@Step5
@DisplayName("Who an event stream belongs to")
class SseAuthTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    @Test
    @DisplayName("the session cookie is for /sse only, no script can read it, no other site can send it")
    void cookieAttributes() {
        assertThat(SseCredentials.sessionCookie("t0k3n", Duration.ofMinutes(15), false))
                .isEqualTo("sse_token=t0k3n; Path=/sse; Max-Age=900; HttpOnly; SameSite=Strict");
        assertThat(SseCredentials.sessionCookie("t0k3n", Duration.ofSeconds(90), true))
                .isEqualTo("sse_token=t0k3n; Path=/sse; Max-Age=90; HttpOnly; SameSite=Strict; Secure");
        assertThat(SseCredentials.sessionCookie("", Duration.ZERO, false)).as("a deletion")
                .isEqualTo("sse_token=; Path=/sse; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    @Test
    @DisplayName("a page's token becomes a cookie, and the stream is the cookie's user")
    void cookie() {
        ClusterServer a = service.start();
        HttpResponse<String> session = Http.send("POST", a.uri("http", "/sse/session"), null,
                Map.of("Authorization", "Bearer " + service.token("ada")));
        String setCookie = session.headers().firstValue("Set-Cookie").orElse("");

        SseTestClient ada = service.rawStream(a.uri("http", "/sse"),
                Map.of("Cookie", setCookie.substring(0, setCookie.indexOf(';'))));

        assertThat(session.statusCode()).isEqualTo(204);
        assertThat(setCookie).startsWith("sse_token=").contains("; Path=/sse; ", "; HttpOnly; SameSite=Strict")
                .containsPattern("Max-Age=\\d+");
        assertThat(ada.status()).isEqualTo(200);
        assertThat(Json.tree(awaitEvent(ada, "ready").data()).get("user").asText()).isEqualTo("ada");
    }

    @Test
    @DisplayName("a bearer header and a token query parameter open a stream too; the header wins over the cookie")
    void headerAndQuery() {
        ClusterServer a = service.start();

        SseTestClient byQuery = service.rawStream(a.uri("http", "/sse?token=" + service.token("bob")), Map.of());
        HttpResponse<String> badHeader = Http.send("GET", a.uri("http", "/sse"), null,
                Map.of("Authorization", "Basic YWRhOg==", "Cookie", "sse_token=" + service.token("ada")));

        assertThat(Json.tree(awaitEvent(byQuery, "ready").data()).get("user").asText()).isEqualTo("bob");
        assertThat(badHeader.statusCode()).as("a bad header is refused, not passed over").isEqualTo(401);
        assertThat(Http.json(badHeader).get("error").asText()).isEqualTo("malformed_credentials");
    }

    @Test
    @DisplayName("no credentials is 401 with WWW-Authenticate, a bad token 401, an API key 403")
    void refusals() {
        ClusterServer a = service.start();

        HttpResponse<String> none = Http.send("GET", a.uri("http", "/sse"), null, Map.of());
        HttpResponse<String> forged = Http.send("GET", a.uri("http", "/sse"), null,
                Map.of("Cookie", "sse_token=not.a.token"));
        HttpResponse<String> service = Http.send("GET", a.uri("http", "/sse"), null, API_KEY);
        HttpResponse<String> noSession = Http.send("POST", a.uri("http", "/sse/session"), null, Map.of());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(Http.json(none).get("error").asText()).isEqualTo("missing_credentials");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(service.statusCode()).isEqualTo(403);
        assertThat(noSession.statusCode()).isEqualTo(401);
    }
}
