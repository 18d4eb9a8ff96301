package dev.realtimelessons.lesson08;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.SseEvent;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;

/**
 * Servers of one notification service for a test, on the class's Redis (the test's namespace) and the test's
 * database, and the clients the test opens on them; all closed after the test.
 */
final class RunningNotifications implements AfterEachCallback {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Map<String, String> API_KEY = Map.of("X-API-Key", "test-service-key");

    private final RedisPerClass redis;
    private final PostgresPerTest postgres;
    private final List<ClusterServer> nodes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private AuthServerConfig auth;

    RunningNotifications(RedisPerClass redis, PostgresPerTest postgres) {
        this.redis = redis;
        this.postgres = postgres;
    }

    /** Starts a server with the default switches and limits. */
    ClusterServer start() {
        return start(NotificationsConfig.defaults(), 0);
    }

    /** Starts a server that shares the JWT key, the Redis namespace and the database of the test's others. */
    ClusterServer start(NotificationsConfig notifications) {
        return start(notifications, 0);
    }

    /**
     * Starts a server on a port (0 for any), sharing the JWT key, the Redis namespace and the database of the test's
     * others: with the port of a stopped server, a restart.
     */
    ClusterServer start(NotificationsConfig notifications, int port) {
        if (auth == null) {
            auth = AuthServerConfig.forTests();
        }
        AuthServerConfig onPort = auth.withRooms(auth.rooms().withChat(auth.rooms().chat().withPort(port)));
        ClusterConfig config = ClusterConfig.forTests(onPort, redis.namespace())
                .withNode("node-" + (char) ('a' + nodes.size()));
        ClusterServer node = NotificationsService.start(config, redis.redis().uri(), postgres.database(),
                notifications);
        nodes.add(node);
        return node;
    }

    /** @return a token of the user, from the test's key */
    String token(String user) {
        return nodes.get(0).heartbeat().auth().issuer().issue(user, Set.of(), Set.of());
    }

    /** Opens an event stream as a user, with a bearer token, and waits for {@code ready}. */
    SseTestClient stream(ClusterServer node, String user) {
        return stream(node, user, null);
    }

    /** Opens an event stream as a user from a cursor (null for none), and waits for {@code ready}. */
    SseTestClient stream(ClusterServer node, String user, String lastEventId) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + token(user)));
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        SseTestClient client = SseTestClient.connect(node.uri("http", "/sse"), headers);
        toClose.add(client);
        assertThat(client.status()).as("the stream's status").isEqualTo(200);
        return client;
    }

    /** Opens a stream with the given headers and does not wait for anything but its response's head. */
    SseTestClient rawStream(URI uri, Map<String, String> headers) {
        SseTestClient client = SseTestClient.connect(uri, headers);
        toClose.add(client);
        return client;
    }

    /** Connects a WebSocket as a user and waits for {@code connected}. */
    WsTestClient connect(ClusterServer node, String user) {
        WsTestClient client = WsTestClient.connect(node.uri("ws", "/ws"), Map.of("Authorization", "Bearer "
                + token(user)));
        toClose.add(client);
        assertThat(client.awaitMessage("connected", WAIT).get("user").asText()).isEqualTo(user);
        return client;
    }

    /** Sends a request on a WebSocket and waits for its answer. */
    static JsonNode request(WsTestClient client, Map<String, Object> request) {
        client.send(request);
        return client.awaitAnswer(String.valueOf(request.get("id")), WAIT);
    }

    /** Posts to the back ends' API with the test's API key. */
    static HttpResponse<String> post(ClusterServer node, String path, Object body) {
        return Http.send("POST", node.uri("http", path), body, API_KEY);
    }

    /** Posts a notification of type info to a user, and checks it was stored. */
    static JsonNode notifyUser(ClusterServer node, String user, String title) {
        HttpResponse<String> response = post(node, "/api/notify/" + user, Map.of("type", "info", "title", title));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    /** Takes events until one with the name comes; fails after the wait. */
    static SseEvent awaitEvent(SseTestClient client, String name) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            SseEvent event = client.awaitEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event.event().equals(name)) {
                return event;
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        toClose.clear();
        for (ClusterServer node : nodes) {
            node.close();
        }
        nodes.clear();
        auth = null;
    }
}
