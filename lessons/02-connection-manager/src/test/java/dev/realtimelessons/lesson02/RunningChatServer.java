package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import dev.realtimelessons.kit.testing.ServerPerTest;
import dev.realtimelessons.kit.testing.WsTestClient;

/**
 * A {@link ChatServer} for each test, and the clients a test opens on it, all closed after the test.
 */
final class RunningChatServer extends ServerPerTest<ChatServer> {

    static final Duration WAIT = Duration.ofSeconds(10);

    RunningChatServer(ChatServerConfig config) {
        super(() -> ChatServer.start(config));
    }

    URI uri(String scheme, String pathAndQuery) {
        return server().uri(scheme, pathAndQuery);
    }

    ChatApp app() {
        return server().app();
    }

    /** Opens a connection as a user and waits for its {@code connected} message. */
    WsTestClient connect(String user) {
        WsTestClient client = open(uri("ws", "/ws?user=" + user));
        assertThat(client.awaitMessage("connected", WAIT).get("user").asText()).isEqualTo(user);
        return client;
    }

    /** Waits until the registry holds exactly this many connections. */
    void awaitConnections(int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(app().connections().stats().connections())
                .as("open connections in the registry").isEqualTo(count));
    }
}
