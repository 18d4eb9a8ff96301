package dev.realtimelessons.lesson09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step3;

@Step3
@Tag("postgres")
@Tag("redis")
@DisplayName("The /metrics endpoint")
class MetricsEndpointTest {

    private static final String ROOM = "lobby";

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningProduction service = new RunningProduction(redis, postgres);

    @Test
    @DisplayName("shows, after a known sequence of events, exactly what happened, in Prometheus's text format")
    void afterAKnownSequence() throws Exception {
        ProductionServer a = service.start();
        WsTestClient ada = service.connect(a, "ada");
        WsTestClient bob = service.connect(a, "bob");
        SseTestClient stream = SseTestClient.connect(a.uri("http", "/sse"),
                Map.of("Authorization", "Bearer " + service.token("eve")));
        service.closeAfter(stream);
        assertThat(stream.status()).isEqualTo(200);
        JsonNode joined = join(ada, "j1", "");
        join(bob, "j2", "");
        for (int i = 1; i <= 3; i++) {
            ada.send(Map.of("type", "publish", "room", ROOM, "data", "hello " + i, "id", "p" + i));
            assertThat(ada.awaitAnswer("p" + i, RunningProduction.WAIT).get("type").asText()).isEqualTo("ack");
        }
        for (int i = 0; i < 3; i++) {
            bob.awaitMessage("message", RunningProduction.WAIT);
        }
        WsTestClient cyd = service.connect(a, "cyd"); // a client back after a drop: it resumes after seq 1
        JsonNode resumed = join(cyd, "j3", "\"since\": 1, \"epoch\": \"" + joined.get("epoch").asText() + "\", ");
        assertThat(resumed.get("recovered").asBoolean()).isTrue();
        RawClient dan = RawClient.connect(a.uri("ws", "/ws"), service.token("dan"));
        dan.closeNormally(); // 1000, and the server's answer awaited

        // Every count settles once the last frames are written: the presence and status that the closes sent.
        Map<String, Double> scrape = await().atMost(RunningProduction.WAIT.toSeconds(), TimeUnit.SECONDS)
                .until(() -> scrape(a), s -> s.get("realtime_connections{transport=\"websocket\"}") == 3
                        && s.get("realtime_messages_sent_total")
                        == ada.received().size() + bob.received().size() + cyd.received().size() + dan.received());

        assertThat(scrape).containsEntry("realtime_connections{transport=\"websocket\"}", 3.0)
                .containsEntry("realtime_connections{transport=\"sse\"}", 1.0)
                .as("ada's join and 3 publishes, bob's join, cyd's join")
                .containsEntry("realtime_messages_received_total", 6.0)
                .containsEntry("realtime_closes_total{code=\"1000\"}", 1.0)
                .containsEntry("realtime_resumes_total{recovered=\"true\"}", 1.0)
                .containsEntry("realtime_resumes_total{recovered=\"false\"}", 0.0)
                .containsEntry("realtime_errors_total{store=\"redis\"}", 0.0)
                .containsEntry("realtime_errors_total{store=\"database\"}", 0.0)
                .as("each of the 3 messages, handed to the room's members once on this one server")
                .containsEntry("realtime_delivery_seconds_count", 3.0)
                .as("one depth per message written")
                .containsEntry("realtime_outbox_depth_count", scrape.get("realtime_messages_sent_total"));
        assertThat(scrape.keySet()).as("a close code is counted only once it happened")
                .noneMatch(series -> series.startsWith("realtime_closes_total{code=\"1006\""));
        assertThat(scrape).containsKeys("realtime_delivery_seconds_bucket{le=\"0.1\"}",
                "realtime_outbox_depth_bucket{le=\"10.0\"}");
    }

    @Test
    @DisplayName("answers only the service's key, in Prometheus's text format, and never from a cache")
    void guarded() {
        ProductionServer a = service.start();

        HttpResponse<String> anonymous = Http.get(a.uri("http", "/metrics"));
        HttpResponse<String> withKey = Http.send("GET", a.uri("http", "/metrics"), null, RunningProduction.API_KEY);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(withKey.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(withKey.body()).contains("# TYPE realtime_errors_total counter");
    }

    private static JsonNode join(WsTestClient client, String id, String resume) {
        client.send("{\"type\": \"join\", \"room\": \"" + ROOM + "\", " + resume + "\"id\": \"" + id + "\"}");
        JsonNode ack = client.awaitAnswer(id, RunningProduction.WAIT);
        assertThat(ack.get("type").asText()).as(ack.toString()).isEqualTo("ack");
        return ack;
    }

    /** Scrapes {@code /metrics} with the service's key. */
    private static Map<String, Double> scrape(ProductionServer server) {
        HttpResponse<String> response = Http.send("GET", server.uri("http", "/metrics"), null,
                RunningProduction.API_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    /**
     * Reads Prometheus's text format: each sample line, {@code name{labels} value}, as its series (the name and
     * the labels, as written) and its value; comments ({@code # HELP}, {@code # TYPE}) are left out.
     */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    /**
     * A WebSocket client that closes as a browser does: a close frame with 1000, then waits for the server's.
     * (The kit's client drops the TCP connection right after its close frame, which the server may see as 1006.)
     */
    private static final class RawClient implements WebSocket.Listener {

        private final List<String> received = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private WebSocket socket;

        static RawClient connect(URI uri, String token) {
            RawClient client = new RawClient();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token).buildAsync(uri, client).join();
            await().atMost(RunningProduction.WAIT).until(() -> client.received.stream()
                    .anyMatch(text -> text.contains("\"connected\"")));
            return client;
        }

        void closeNormally() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(RunningProduction.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(closed.get(RunningProduction.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        }

        int received() {
            return received.size();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            received.add(data.toString()); // the server's messages are small: one frame each
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
