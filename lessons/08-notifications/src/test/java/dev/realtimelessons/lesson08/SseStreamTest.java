package dev.realtimelessons.lesson08;

import static dev.realtimelessons.lesson08.RunningNotifications.WAIT;
import static dev.realtimelessons.lesson08.RunningNotifications.awaitEvent;
import static dev.realtimelessons.lesson08.RunningNotifications.notifyUser;
import static dev.realtimelessons.lesson08.RunningNotifications.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.SseEvent;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.steps.Step2;
import dev.realtimelessons.kit.testing.steps.Step3;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("postgres")
@Tag("redis")
@DisplayName("GET /sse: a user's event stream")
class SseStreamTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    private static String title(SseEvent event) {
        return Json.tree(event.data()).get("title").asText();
    }

    @Test
    @DisplayName("opens with the stream's headers, retry: and ready, whose id is where the inboxes are")
    void opens() {
        ClusterServer a = service.start();
        notifyUser(a, "ada", "before the stream");

        SseTestClient ada = service.stream(a, "ada");
        SseEvent ready = awaitEvent(ada, "ready");

        assertThat(ada.header("Content-Type")).startsWith("text/event-stream");
        assertThat(ada.header("Cache-Control")).isEqualTo("no-store");
        assertThat(ada.header("X-Accel-Buffering")).isEqualTo("no");
        assertThat(ada.retries()).containsExactly(2_000L);
        assertThat(Json.tree(ready.data()).get("replayed").asInt()).as("no cursor: nothing replayed").isZero();
        assertThat(ready.id()).as("a cursor, so that a reconnect before any event resumes from here")
                .matches("\\d+-\\d+/\\d+-\\d+").doesNotStartWith("0-0");
    }

    @Test
    @Step3
    @DisplayName("resumes on another server from Last-Event-ID: what was missed, then live, each once, in order")
    void resumesOnAnotherServer() throws Exception {
        ClusterServer a = service.start();
        ClusterServer b = service.start();
        SseTestClient first = service.stream(a, "ada");
        awaitEvent(first, "ready");
        notifyUser(a, "ada", "n1");
        String cursor = awaitEvent(first, "notification").id();
        first.close();
        notifyUser(a, "ada", "n2");
        notifyUser(b, "ada", "n3");

        // notifications keep coming while the client reconnects: some fall between subscribe and replay
        CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
            for (int i = 4; i <= 30; i++) {
                notifyUser(i % 2 == 0 ? a : b, "ada", "n" + i);
            }
        });
        SseTestClient again = service.stream(b, "ada", cursor);
        more.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        List<String> titles = new ArrayList<>();
        while (titles.size() < 29) {
            SseEvent event = again.awaitEvent(WAIT);
            if (event.event().equals("notification")) {
                titles.add(title(event));
            }
        }

        List<String> expected = new ArrayList<>();
        for (int i = 2; i <= 30; i++) {
            expected.add("n" + i);
        }
        assertThat(titles).as("n2 to n30, each once, in order").containsExactlyElementsOf(expected);
        notifyUser(a, "ada", "after");
        assertThat(title(awaitEvent(again, "notification"))).as("nothing doubled before it").isEqualTo("after");
    }

    @Test
    @Step2
    @DisplayName("tells a client whose cursor is older than the inbox keeps to reload, then goes on live")
    void reloadAfterAGap() {
        ClusterServer a = service.start(NotificationsConfig.defaults().withInboxSize(3));
        SseTestClient first = service.stream(a, "ada");
        awaitEvent(first, "ready");
        notifyUser(a, "ada", "seen");
        String cursor = awaitEvent(first, "notification").id();
        first.close();
        for (int i = 1; i <= 5; i++) {
            notifyUser(a, "ada", "missed " + i); // the inbox keeps 3: "missed 1" and "missed 2" are gone
        }

        SseTestClient again = service.stream(a, "ada", cursor);
        SseEvent reload = again.awaitEvent(WAIT);
        SseEvent ready = awaitEvent(again, "ready");
        notifyUser(a, "ada", "live");

        assertThat(reload.event()).as("the first event: never a silent gap").isEqualTo("reload");
        assertThat(Json.tree(ready.data()).get("reload").asBoolean()).isTrue();
        assertThat(title(awaitEvent(again, "notification"))).isEqualTo("live");
    }

    @Test
    @DisplayName("a broadcast reaches every stream but its excluded user's, live and in a replay")
    void broadcast() {
        ClusterServer a = service.start();
        SseTestClient ada = service.stream(a, "ada");
        SseTestClient bob = service.stream(a, "bob");
        awaitEvent(ada, "ready");
        awaitEvent(bob, "ready");

        HttpResponse<String> response = post(a, "/api/broadcast", Map.of("type", "warning", "title",
                "maintenance at 22:00", "exclude_user", "bob"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        post(a, "/api/broadcast", Map.of("type", "info", "title", "for all"));
        notifyUser(a, "bob", "bob's own");

        assertThat(title(awaitEvent(ada, "notification"))).isEqualTo("maintenance at 22:00");
        assertThat(title(awaitEvent(ada, "notification"))).isEqualTo("for all");
        assertThat(title(awaitEvent(bob, "notification"))).as("bob never gets the excluded one").isEqualTo("for all");
        SseEvent bobsOwn = awaitEvent(bob, "notification");
        assertThat(title(bobsOwn)).isEqualTo("bob's own");
        SseTestClient bobAgain = service.stream(a, "bob", "0-0/0-0");
        assertThat(title(awaitEvent(bobAgain, "notification"))).as("a replay skips it too").isEqualTo("for all");
        assertThat(title(awaitEvent(bobAgain, "notification"))).isEqualTo("bob's own");
    }

    @Test
    @DisplayName("sends a heartbeat comment on a quiet stream")
    void heartbeat() {
        ClusterServer a = service.start(NotificationsConfig.defaults().withHeartbeat(Duration.ofMillis(200)));
        SseTestClient ada = service.stream(a, "ada");

        assertThat(ada.awaitComment(WAIT)).isEqualTo("heartbeat");
    }

    @Test
    @DisplayName("answers 400 to a Last-Event-ID it never sent, and 405 to another method")
    void badRequests() {
        ClusterServer a = service.start();
        Map<String, String> headers = Map.of("Authorization", "Bearer " + service.token("ada"),
                "Last-Event-ID", "42");

        HttpResponse<String> bad = Http.send("GET", a.uri("http", "/sse"), null, headers);
        HttpResponse<String> post = Http.send("POST", a.uri("http", "/sse"), null, Map.of());

        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode body = Http.json(bad);
        assertThat(body.get("error").asText()).isEqualTo("invalid_field");
        assertThat(body.get("message").asText()).contains("Last-Event-ID");
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
