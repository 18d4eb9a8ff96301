package dev.realtimelessons.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.server.Endpoints;
import dev.realtimelessons.kit.server.RealtimeServer;

@DisplayName("nginx in front of two WebSocket servers")
class LocalNginxTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    @DisplayName("passes the upgrade on, and round robin puts two connections on different servers")
    void balancesWebSockets() {
        LocalNginx.requireInstalled();
        List<WsTestClient> open = new ArrayList<>();
        try (RealtimeServer a = node("node-a"); RealtimeServer b = node("node-b");
             LocalNginx nginx = LocalNginx.start(List.of(a.uri("http", ""), b.uri("http", "")),
                     Duration.ofSeconds(60))) {
            WsTestClient first = WsTestClient.connect(nginx.uri("ws", "/echo"));
            WsTestClient second = WsTestClient.connect(nginx.uri("ws", "/echo"));
            open.add(first);
            open.add(second);
            first.send("\"hello\"");
            second.send("\"hello\"");

            assertThat(List.of(first.awaitJson(WAIT).get("from").asText(), second.awaitJson(WAIT).get("from").asText()))
                    .as("the servers that answered").containsExactlyInAnyOrder("node-a", "node-b");
            assertThat(nginx.config()).contains("proxy_set_header Upgrade $http_upgrade;", "proxy_read_timeout 60s;");
        } finally {
            open.forEach(WsTestClient::abort);
        }
    }

    private static RealtimeServer node(String name) {
        return RealtimeServer.builder()
                .websocket(Endpoints.perConnection(RealtimeServerTest.Echo.class, "/echo",
                        () -> new RealtimeServerTest.Echo(name)))
                .start();
    }
}
