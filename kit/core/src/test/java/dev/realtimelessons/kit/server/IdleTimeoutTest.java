package dev.realtimelessons.kit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A session's idle timeout")
class IdleTimeoutTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Records each session's idle timeout. Public: Tyrus calls it. */
    public static final class TimeoutEndpoint extends Endpoint {
        private final List<Long> timeouts;

        TimeoutEndpoint(List<Long> timeouts) {
            this.timeouts = timeouts;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            timeouts.add(session.getMaxIdleTimeout());
        }
    }

    @Test
    @DisplayName("is negative, none: Tyrus 2.2.2 schedules a task per message for a timeout of 0, none for -1")
    void none() throws Exception {
        List<Long> timeouts = new CopyOnWriteArrayList<>();
        try (RealtimeServer server = RealtimeServer.builder()
                .websocket(Endpoints.perConnection(TimeoutEndpoint.class, "/ws", () -> new TimeoutEndpoint(timeouts)))
                .start()) {
            WebSocket client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .newWebSocketBuilder().buildAsync(server.uri("ws", "/ws"), new WebSocket.Listener() { })
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            await("the session to open").atMost(WAIT).until(() -> !timeouts.isEmpty());
            assertThat(timeouts).containsExactly(EmbeddedContainer.NO_IDLE_TIMEOUT);
            client.abort();
        }
    }
}
