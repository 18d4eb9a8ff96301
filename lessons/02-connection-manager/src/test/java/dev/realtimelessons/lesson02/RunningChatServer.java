package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.realtimelessons.kit.testing.WsTestClient;

/**
 * A {@link ChatServer} for each test, and the clients a test opens on it, all closed after the test.
 */
final class RunningChatServer implements BeforeEachCallback, AfterEachCallback {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final ChatServerConfig config;
    private final List<WsTestClient> clients = new ArrayList<>();
    private ChatServer server;

    RunningChatServer(ChatServerConfig config) {
        this.config = config;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server = ChatServer.start(config);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(WsTestClient::abort);
        clients.clear();
        server.close();
    }

    URI uri(String scheme, String pathAndQuery) {
        return server.uri(scheme, pathAndQuery);
    }

    ChatApp app() {
        return server.app();
    }

    /** Opens a connection as a user and waits for its {@code connected} message. */
    WsTestClient connect(String user) {
        WsTestClient client = WsTestClient.connect(uri("ws", "/ws?user=" + user));
        clients.add(client);
        JsonNode connected = client.awaitMessage("connected", WAIT);
        assertThat(connected.get("user").asText()).isEqualTo(user);
        return client;
    }

    /** Waits until the registry holds exactly this many connections. */
    void awaitConnections(int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(app().connections().stats().connections())
                .as("open connections in the registry").isEqualTo(count));
    }
}
