package dev.realtimelessons.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.SseEvent;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.steps.Step2;

@Step2
@DisplayName("Step 2: SSE formatting and resume")
class SseTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final RunningFeedServer server = RunningFeedServer.with(FeedServerConfig.forTests().withSseHeartbeat(Duration.ofMillis(200)));

    @Test
    @DisplayName("an event is its id, its name and its data, ended by a blank line")
    void formatsAnEvent() {
        assertThat(SseProtocol.event(7, "tick", "{\"id\":7}"))
                .isEqualTo("id: 7\nevent: tick\ndata: {\"id\":7}\n\n");
    }

    @Test
    @DisplayName("data with line breaks becomes one data line per line")
    void splitsMultiLineData() {
        assertThat(SseProtocol.event(1, "note", "a\nb\r\nc\rd"))
                .isEqualTo("id: 1\nevent: note\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    @DisplayName("Last-Event-ID wins over since, since is used without it, and neither means from now")
    void choosesWhereToResume() throws BadRequest {
        assertThat(SseProtocol.resumeAfter("4", "2", 9)).isEqualTo(4);
        assertThat(SseProtocol.resumeAfter(null, "2", 9)).isEqualTo(2);
        assertThat(SseProtocol.resumeAfter(null, null, 9)).isEqualTo(9);
    }

    @Test
    @DisplayName("the stream sends a retry delay, then every event with its id, in order")
    void streamsEveryEventWithItsId() {
        try (SseTestClient client = SseTestClient.connect(server.uri("http", "/events"))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.header("Content-Type")).startsWith("text/event-stream");
            server.awaitSubscribers(1, "SSE streams");

            server.publish(3);

            for (int id = 1; id <= 3; id++) {
                SseEvent event = client.awaitEvent(WAIT);
                assertThat(event.id()).isEqualTo(Integer.toString(id));
                assertThat(event.event()).isEqualTo("tick");
                assertThat(Json.tree(event.data()).get("id").asInt()).isEqualTo(id);
            }
            assertThat(client.retries()).containsExactly(3000L);
        }
    }

    @Test
    @DisplayName("a client that reconnects with Last-Event-ID gets what it missed, once and in order")
    void resumesFromLastEventId() {
        String lastSeen;
        try (SseTestClient first = SseTestClient.connect(server.uri("http", "/events"))) {
            server.awaitSubscribers(1, "SSE streams");
            server.publish(2);
            first.awaitEvent(WAIT);
            lastSeen = first.awaitEvent(WAIT).id();
        }
        server.awaitSubscribers(0, "SSE streams");
        server.publish(3); // published while the client is away: ids 3, 4, 5

        try (SseTestClient again = SseTestClient.connect(server.uri("http", "/events"),
                Map.of("Last-Event-ID", lastSeen))) {
            assertThat(again.awaitEvent(WAIT).id()).isEqualTo("3");
            assertThat(again.awaitEvent(WAIT).id()).isEqualTo("4");
            assertThat(again.awaitEvent(WAIT).id()).isEqualTo("5");
            server.publish(1);
            assertThat(again.awaitEvent(WAIT).id()).as("the live event after the replay").isEqualTo("6");
        }
    }

    @Test
    @DisplayName("a first connection can start from ?since=")
    void startsFromSince() {
        server.publish(3);
        try (SseTestClient client = SseTestClient.connect(server.uri("http", "/events?since=1"))) {
            assertThat(client.awaitEvent(WAIT).id()).isEqualTo("2");
            assertThat(client.awaitEvent(WAIT).id()).isEqualTo("3");
        }
    }

    @Test
    @DisplayName("a quiet stream gets heartbeat comments")
    void sendsHeartbeats() {
        try (SseTestClient client = SseTestClient.connect(server.uri("http", "/events"))) {
            assertThat(client.awaitComment(WAIT)).isEqualTo("heartbeat");
        }
    }

    @ParameterizedTest(name = "Last-Event-ID: {0} is refused")
    @DisplayName("a bad Last-Event-ID gets 400 and a JSON error")
    @ValueSource(strings = {"abc", "-1", "99999999999999999999", "4"})
    void refusesBadLastEventId(String lastEventId) {
        server.publish(3);
        try (SseTestClient client = SseTestClient.connect(server.uri("http", "/events"),
                Map.of("Last-Event-ID", lastEventId))) {
            assertThat(client.status()).isEqualTo(400);
            assertThat(client.header("Content-Type")).startsWith("application/json");
        }
    }

    @ParameterizedTest(name = "since={0} is refused")
    @DisplayName("a since that is not plain digits gets 400 and a JSON error, not a stream")
    @ValueSource(strings = {"+3", "%2B3", "%203", "3%20"})
    void refusesSinceThatIsNotPlainDigits(String since) {
        server.publish(3);
        try (SseTestClient client = SseTestClient.connect(server.uri("http", "/events?since=" + since))) {
            assertThat(client.status()).isEqualTo(400);
            assertThat(client.header("Content-Type")).startsWith("application/json");
        }
    }

    @Test
    @DisplayName("a bad since gets 400 and a JSON error")
    void refusesBadSince() {
        HttpResponse<String> response = Http.get(server.uri("http", "/events?since=abc"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("error").asText()).isEqualTo("invalid_since");
    }
}
