package dev.realtimelessons.lesson05;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.testing.ServerPerTest;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson04.AuthServerConfig;

/**
 * A {@link HeartbeatServer} for each test, and the clients a test opens on it.
 */
final class RunningHeartbeatServer extends ServerPerTest<HeartbeatServer> {

    static final Duration WAIT = Duration.ofSeconds(10);

    RunningHeartbeatServer(AuthServerConfig auth, HeartbeatConfig heartbeat) {
        super(() -> HeartbeatServer.start(auth, heartbeat));
    }

    URI uri(String scheme, String pathAndQuery) {
        return server().uri(scheme, pathAndQuery);
    }

    /** A token for a user, from the server's own issuer. */
    String token(String user) {
        return server().auth().issuer().issue(user, Set.of(), Set.of());
    }

    /** Connects as a user and waits for {@code connected}. */
    WsTestClient connect(String user) {
        WsTestClient client = open(uri("ws", "/ws"), Map.of("Authorization", "Bearer " + token(user)));
        assertThat(client.awaitMessage("connected", WAIT).get("user").asText()).isEqualTo(user);
        return client;
    }

    /** Sends a request and waits for its ack. */
    static JsonNode request(WsTestClient client, Map<String, Object> request) {
        client.send(request);
        return client.awaitMessage("ack", WAIT);
    }
}
