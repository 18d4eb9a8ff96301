package dev.realtimelessons.lesson08;

import static dev.realtimelessons.lesson08.RunningNotifications.API_KEY;
import static dev.realtimelessons.lesson08.RunningNotifications.WAIT;
import static dev.realtimelessons.lesson08.RunningNotifications.awaitEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.steps.Step4;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("postgres")
@Tag("redis")
@Step4
@DisplayName("Event streams past a server's limits")
class StreamCapsTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    private HttpResponse<String> attempt(ClusterServer node, String user) {
        return Http.send("GET", node.uri("http", "/sse"), null, Map.of("Authorization", "Bearer "
                + service.token(user)));
    }

    private static int open(ClusterServer node) {
        return Http.json(Http.send("GET", node.uri("http", "/api/streams"), null, API_KEY)).get("open").asInt();
    }

    @Test
    @DisplayName("a user's third stream is 429 with Retry-After and a JSON body; a closed one frees its place")
    void perUser() {
        // A server learns that a client went away when it next writes to it: the heartbeat bounds how long a closed
        // stream holds its place (15 s by default; 200 ms here).
        ClusterServer a = service.start(NotificationsConfig.defaults().withStreamLimits(10, 2)
                .withHeartbeat(Duration.ofMillis(200)));
        SseTestClient first = service.stream(a, "ada");
        SseTestClient second = service.stream(a, "ada");
        awaitEvent(first, "ready");
        awaitEvent(second, "ready");

        HttpResponse<String> third = attempt(a, "ada");
        SseTestClient bob = service.stream(a, "bob");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("10");
        JsonNode body = Http.json(third);
        assertThat(body.get("error").asText()).isEqualTo("too_many_streams_per_user");
        assertThat(awaitEvent(bob, "ready").event()).as("another user is admitted").isEqualTo("ready");
        first.close();
        await("the closed stream's place given back").atMost(WAIT).until(() -> open(a) == 2);
        assertThat(awaitEvent(service.stream(a, "ada"), "ready").event()).isEqualTo("ready");
    }

    @Test
    @DisplayName("a stream past the server's total is 503 server_full with Retry-After")
    void total() {
        ClusterServer a = service.start(NotificationsConfig.defaults().withStreamLimits(2, 0));
        awaitEvent(service.stream(a, "ada"), "ready");
        awaitEvent(service.stream(a, "bob"), "ready");

        HttpResponse<String> third = attempt(a, "carol");

        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(Http.json(third).get("error").asText()).isEqualTo("server_full");
        assertThat(open(a)).isEqualTo(2);
    }
}
