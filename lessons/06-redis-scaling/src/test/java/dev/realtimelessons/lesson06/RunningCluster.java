package dev.realtimelessons.lesson06;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson04.TokenIssuer;

/**
 * Servers of one cluster for a test, on the class's Redis and the test's namespace, and the clients the test opens
 * on them; all closed after the test.
 */
final class RunningCluster implements AfterEachCallback {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final RedisPerClass redis;
    private final List<ClusterServer> nodes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private AuthServerConfig auth;

    RunningCluster(RedisPerClass redis) {
        this.redis = redis;
    }

    /** Starts servers that share one JWT key and the test's Redis namespace. */
    List<ClusterServer> start(int count) {
        List<ClusterServer> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(start(config()));
        }
        return started;
    }

    /** The configuration of a new server of this test's cluster. */
    ClusterConfig config() {
        if (auth == null) {
            auth = AuthServerConfig.forTests(); // one key for every server of the test
        }
        return ClusterConfig.forTests(auth, redis.namespace()).withNode("node-" + (char) ('a' + nodes.size()));
    }

    ClusterServer start(ClusterConfig config) {
        ClusterServer node = ClusterServer.start(config, redis.redis().uri());
        nodes.add(node);
        return node;
    }

    TokenIssuer issuer() {
        return nodes.get(0).heartbeat().auth().issuer();
    }

    /** Connects as a user to a server and waits for {@code connected}. */
    WsTestClient connect(ClusterServer node, String user) {
        WsTestClient client = WsTestClient.connect(node.uri("ws", "/ws"),
                Map.of("Authorization", "Bearer " + issuer().issue(user, Set.of(), Set.of())));
        toClose.add(client);
        assertThat(client.awaitMessage("connected", WAIT).get("user").asText()).isEqualTo(user);
        return client;
    }

    /** Connects and joins a room, and waits for the join's ack. */
    WsTestClient member(ClusterServer node, String user, String room) {
        WsTestClient client = connect(node, user);
        JsonNode ack = request(client, Map.of("type", "join", "id", "join-" + room, "room", room));
        assertThat(ack.get("id").asText()).isEqualTo("join-" + room);
        return client;
    }

    /** Sends a request and waits for its ack. */
    static JsonNode request(WsTestClient client, Map<String, Object> request) {
        client.send(request);
        return client.awaitMessage("ack", WAIT);
    }

    /** Closes something when the test ends. */
    <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
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
