package dev.realtimelessons.lesson08;

import static dev.realtimelessons.lesson08.RunningNotifications.WAIT;
import static dev.realtimelessons.lesson08.RunningNotifications.awaitEvent;
import static dev.realtimelessons.lesson08.RunningNotifications.notifyUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.SseEvent;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("postgres")
@Tag("redis")
@DisplayName("A notification reaches every connection of its user, whichever transport and server")
class NotificationsTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    @Test
    @DisplayName("a WebSocket tab on one server and an SSE tab on another each get it once, with the same id")
    void oneUserAnyTransport() {
        ClusterServer a = service.start();
        ClusterServer b = service.start();
        WsTestClient wsTab = service.connect(a, "ada");
        SseTestClient sseTab = service.stream(b, "ada");
        awaitEvent(sseTab, "ready");

        JsonNode posted = notifyUser(a, "ada", "Your export is ready");
        SseEvent overSse = awaitEvent(sseTab, "notification");
        JsonNode overWs = wsTab.awaitMessage("notification", WAIT);

        JsonNode sseData = Json.tree(overSse.data());
        assertThat(sseData.get("id").asText()).isEqualTo(posted.get("id").asText());
        assertThat(sseData.get("title").asText()).isEqualTo("Your export is ready");
        assertThat(sseData.get("type").asText()).isEqualTo("info");
        assertThat(overSse.id()).as("the event's id: the user's cursor, then everyone's")
                .startsWith(posted.get("event_id").asText() + "/");
        assertThat(overWs.get("data")).isEqualTo(sseData);
        assertThat(overWs.get("event_id").asText()).isEqualTo(posted.get("event_id").asText());
        notifyUser(b, "ada", "second");
        assertThat(Json.tree(awaitEvent(sseTab, "notification").data()).get("title").asText()).isEqualTo("second");
        assertThat(wsTab.awaitMessage("notification", WAIT).get("data").get("title").asText()).isEqualTo("second");
        assertThat(wsTab.received()).filteredOn(text -> text.contains("\"notification\"")).hasSize(2);
    }

    @Test
    @DisplayName("another user's stream and tab get nothing of it")
    void onlyItsUser() {
        ClusterServer a = service.start();
        SseTestClient bob = service.stream(a, "bob");
        WsTestClient bobTab = service.connect(a, "bob");
        awaitEvent(bob, "ready");

        notifyUser(a, "ada", "for ada");
        notifyUser(a, "bob", "for bob");

        assertThat(Json.tree(awaitEvent(bob, "notification").data()).get("title").asText()).isEqualTo("for bob");
        assertThat(bobTab.awaitMessage("notification", WAIT).get("data").get("title").asText())
                .isEqualTo("for bob");
    }
}
