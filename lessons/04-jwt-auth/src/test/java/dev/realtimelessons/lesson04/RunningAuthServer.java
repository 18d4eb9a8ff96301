package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.RawWebSocket;
import dev.realtimelessons.kit.testing.ServerPerTest;
import dev.realtimelessons.kit.testing.WsTestClient;

/**
 * An {@link AuthServer} for each test, the clients a test opens on it, and every connection the server opened.
 */
final class RunningAuthServer extends ServerPerTest<AuthServer> {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** Users of the connections the server opened, in order: what {@code onOpen} saw. */
    final List<String> opened = new CopyOnWriteArrayList<>();

    RunningAuthServer(AuthServerConfig config) {
        super(() -> AuthServer.start(config));
    }

    @Override
    public void beforeEach(org.junit.jupiter.api.extension.ExtensionContext context) {
        super.beforeEach(context);
        server().app().onConnect(connection -> opened.add(connection.user()));
    }

    URI uri(String scheme, String pathAndQuery) {
        return server().uri(scheme, pathAndQuery);
    }

    /** A token from the server's own issuer. */
    String token(String user, Set<String> roles, Set<String> rooms) {
        return server().issuer().issue(user, roles, rooms);
    }

    /** Connects with {@code Authorization: Bearer} and waits for {@code connected}. */
    WsTestClient connect(String user, Set<String> roles, Set<String> rooms) {
        WsTestClient client = open(uri("ws", "/ws"), Map.of("Authorization", "Bearer " + token(user, roles, rooms)));
        assertThat(client.awaitMessage("connected", WAIT).get("user").asText()).isEqualTo(user);
        return client;
    }

    /** Connects as a user with no roles or rooms. */
    WsTestClient connect(String user) {
        return connect(user, Set.of(), Set.of());
    }

    /** A handshake by hand: the server's answer, which for a refusal ends with a JSON body. */
    Refusal attempt(String pathAndQuery, Map<String, String> headers) {
        try (RawWebSocket socket = RawWebSocket.open(uri("ws", pathAndQuery),
                Base64.getEncoder().encodeToString(new byte[16]), headers)) {
            String status = socket.statusLine();
            return new Refusal(Integer.parseInt(status.split(" ")[1]),
                    status.contains(" 101 ") ? null : Json.tree(socket.readToEnd()), socket.header("WWW-Authenticate"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Joins a room and waits for the ack. */
    static JsonNode join(WsTestClient client, String room) {
        client.send(Map.of("type", "join", "id", "j-" + room, "room", room));
        return client.awaitMessage("ack", WAIT);
    }

    /**
     * A refused handshake: its HTTP status, its {@code {"error", "message"}} body, and its
     * {@code WWW-Authenticate} header (empty when there is none).
     */
    record Refusal(int status, JsonNode body, String wwwAuthenticate) {
        String error() {
            return body == null ? null : body.path("error").asText();
        }
    }
}
