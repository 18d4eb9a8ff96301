package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.testing.ServerPerTest;
import dev.realtimelessons.kit.testing.WsTestClient;

/**
 * A {@link RoomsServer} for each test, and the clients a test opens on it, all closed after the test.
 */
final class RunningRoomsServer extends ServerPerTest<RoomsServer> {

    static final Duration WAIT = Duration.ofSeconds(10);

    RunningRoomsServer(RoomsConfig config) {
        super(() -> RoomsServer.start(config));
    }

    URI uri(String scheme, String pathAndQuery) {
        return server().uri(scheme, pathAndQuery);
    }

    /** Opens a connection as a user and waits for its {@code connected} message. */
    WsTestClient connect(String user) {
        WsTestClient client = open(uri("ws", "/ws?user=" + user));
        assertThat(client.awaitMessage("connected", WAIT).get("user").asText()).isEqualTo(user);
        return client;
    }

    /** Joins a room and waits for the ack; returns the ack. */
    static JsonNode join(WsTestClient client, String room) {
        String id = "join-" + room + "-" + System.nanoTime();
        client.send(Map.of("type", "join", "id", id, "room", room));
        JsonNode ack = client.awaitMessage("ack", WAIT);
        assertThat(ack.get("id").asText()).as("the ack of the join").isEqualTo(id);
        return ack;
    }

    /** Sends a request and waits for its ack. */
    static JsonNode request(WsTestClient client, Map<String, Object> request) {
        client.send(request);
        return client.awaitMessage("ack", WAIT);
    }
}
