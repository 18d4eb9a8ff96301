package dev.realtimelessons.lesson08;

import static dev.realtimelessons.lesson08.RunningNotifications.WAIT;
import static dev.realtimelessons.lesson08.RunningNotifications.awaitEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("postgres")
@Tag("redis")
@DisplayName("A transport switched off")
class SwitchesTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    @Test
    @DisplayName("SSE_ENABLED=false: /sse is 404 transport_disabled, and the WebSocket still works")
    void sseOff() {
        ClusterServer a = service.start(NotificationsConfig.defaults().withSse(false));

        HttpResponse<String> sse = Http.send("GET", a.uri("http", "/sse"), null,
                Map.of("Authorization", "Bearer " + service.token("ada")));

        assertThat(sse.statusCode()).isEqualTo(404);
        assertThat(Http.json(sse).get("error").asText()).isEqualTo("transport_disabled");
        assertThat(service.connect(a, "ada")).isNotNull();
    }

    @Test
    @DisplayName("WEBSOCKET_ENABLED=false: an upgrade is 404 transport_disabled, and /sse still works")
    void websocketOff() {
        ClusterServer a = service.start(NotificationsConfig.defaults().withWebsocket(false));

        Throwable refused = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + service.token("ada"))
                .buildAsync(a.uri("ws", "/ws"), new WebSocket.Listener() { })
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join());

        assertThat(refused).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(String.valueOf(response.body())).contains("transport_disabled");
        assertThat(awaitEvent(service.stream(a, "ada"), "ready").event()).isEqualTo("ready");
    }

    @Test
    @DisplayName("reads the switches and limits from the environment, and refuses a bad value by name")
    void environment() {
        NotificationsConfig config = NotificationsConfig.fromEnvironment(Map.of("SSE_ENABLED", "false",
                "MAX_SSE_STREAMS_PER_USER", "3", "SSE_HEARTBEAT_SECONDS", "20"));

        assertThat(config.sseEnabled()).isFalse();
        assertThat(config.websocketEnabled()).isTrue();
        assertThat(config.maxStreamsPerUser()).isEqualTo(3);
        assertThat(config.heartbeat().toSeconds()).isEqualTo(20);
        assertThat(catchThrowable(() -> NotificationsConfig.fromEnvironment(Map.of("WEBSOCKET_ENABLED", "no"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WEBSOCKET_ENABLED");
    }
}
