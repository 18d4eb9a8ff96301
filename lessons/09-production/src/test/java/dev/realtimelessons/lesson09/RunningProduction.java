package dev.realtimelessons.lesson09;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.server.ConnectionLimits;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson08.NotificationsConfig;

/**
 * Servers of one service for a test, on the class's Redis (the test's namespace) and the test's database, and the
 * clients the test opens on them; all closed after the test.
 */
final class RunningProduction implements AfterEachCallback {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Map<String, String> API_KEY = Map.of("X-API-Key", "test-service-key");

    private final RedisPerClass redis;
    private final PostgresPerTest postgres;
    private final List<ProductionServer> nodes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private AuthServerConfig auth;

    RunningProduction(RedisPerClass redis, PostgresPerTest postgres) {
        this.redis = redis;
        this.postgres = postgres;
    }

    /** Starts a server with the default settings. */
    ProductionServer start() {
        return start(ProductionConfig.defaults(), 0);
    }

    /**
     * Starts a server on a port (0 for any) sharing the JWT key, the Redis namespace and the database of the test's
     * others: with the port of a stopped server, a restart.
     */
    ProductionServer start(ProductionConfig production, int port) {
        return start(production, port, ConnectionLimits.defaults());
    }

    /** Starts a server with the given WebSocket admission limits ({@code MAX_CONNECTIONS} and the others). */
    ProductionServer start(ProductionConfig production, int port, ConnectionLimits limits) {
        if (auth == null) {
            auth = AuthServerConfig.forTests();
        }
        AuthServerConfig onPort = auth.withRooms(auth.rooms().withChat(auth.rooms().chat().withPort(port)
                .withConnectionLimits(limits)));
        ClusterConfig config = ClusterConfig.forTests(onPort, redis.namespace())
                .withNode("node-" + (char) ('a' + nodes.size()));
        ProductionServer node = ProductionServer.start(config, redis.redis().uri(), postgres.database(),
                NotificationsConfig.defaults(), production);
        nodes.add(node);
        return node;
    }

    /** @return a token of the user, from the test's key */
    String token(String user) {
        return nodes.get(0).cluster().heartbeat().auth().issuer().issue(user, Set.of(), Set.of());
    }

    /** Connects a WebSocket as a user and waits for {@code connected}. */
    WsTestClient connect(ProductionServer node, String user) {
        WsTestClient client = WsTestClient.connect(node.uri("ws", "/ws"), Map.of("Authorization", "Bearer "
                + token(user)));
        toClose.add(client);
        assertThat(client.awaitMessage("connected", WAIT).get("user").asText()).isEqualTo(user);
        return client;
    }

    /** @param closeable closed after the test */
    void closeAfter(AutoCloseable closeable) {
        toClose.add(closeable);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        toClose.clear();
        for (ProductionServer node : nodes) {
            node.close();
        }
        nodes.clear();
        auth = null;
    }
}
