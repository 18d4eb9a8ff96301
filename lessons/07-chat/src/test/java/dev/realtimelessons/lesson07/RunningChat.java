package dev.realtimelessons.lesson07;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;

/**
 * Servers of one chat service for a test, on the class's Redis (the test's namespace) and the test's database, and
 * the clients the test opens on them; all closed after the test.
 */
final class RunningChat implements AfterEachCallback {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final RedisPerClass redis;
    private final PostgresPerTest postgres;
    private final List<ClusterServer> nodes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private AuthServerConfig auth;

    RunningChat(RedisPerClass redis, PostgresPerTest postgres) {
        this.redis = redis;
        this.postgres = postgres;
    }

    /** Starts a server that shares the JWT key, the Redis namespace and the database of the test's others. */
    ClusterServer start() {
        return start(postgres.database());
    }

    /** Starts a server that reaches the test's database at another address (through a proxy). */
    ClusterServer start(PostgresUrl database) {
        if (auth == null) {
            auth = AuthServerConfig.forTests();
        }
        ClusterConfig config = ClusterConfig.forTests(auth, redis.namespace())
                .withNode("node-" + (char) ('a' + nodes.size()));
        ClusterServer node = ChatService.start(config, redis.redis().uri(), database);
        nodes.add(node);
        return node;
    }

    /**
     * Starts a server on a given port, sharing the JWT key, the Redis namespace and the database of the test's
     * others: with the port of a stopped server, a restart, whose clients find the new server where the old one
     * was. (A stopped server stays in the list: closing it again after the test does nothing.)
     */
    ClusterServer startOnPort(int port) {
        if (auth == null) {
            auth = AuthServerConfig.forTests();
        }
        AuthServerConfig onPort = auth.withRooms(auth.rooms().withChat(auth.rooms().chat().withPort(port)));
        ClusterConfig config = ClusterConfig.forTests(onPort, redis.namespace())
                .withNode("node-" + (char) ('a' + nodes.size()));
        ClusterServer node = ChatService.start(config, redis.redis().uri(), postgres.database());
        nodes.add(node);
        return node;
    }

    /** Connects as a user to a server and waits for {@code connected}. */
    WsTestClient connect(ClusterServer node, String user) {
        String token = nodes.get(0).heartbeat().auth().issuer().issue(user, Set.of(), Set.of());
        WsTestClient client = WsTestClient.connect(node.uri("ws", "/ws"), Map.of("Authorization", "Bearer " + token));
        toClose.add(client);
        assertThat(client.awaitMessage("connected", WAIT).get("user").asText()).isEqualTo(user);
        return client;
    }

    /** Connects, joins a room and returns the join's ack. */
    JsonNode join(WsTestClient client, String room) {
        return request(client, Map.of("type", "join", "id", "join-" + room, "room", room));
    }

    /** Connects and joins a room. */
    WsTestClient member(ClusterServer node, String user, String room) {
        WsTestClient client = connect(node, user);
        join(client, room);
        return client;
    }

    /** @return how many messages the test's database holds */
    long storedMessages() throws SQLException {
        return count("SELECT count(*) FROM messages", null);
    }

    /**
     * @param author an author
     * @return how many of the author's messages the test's database holds
     */
    long storedMessagesBy(String author) throws SQLException {
        return count("SELECT count(*) FROM messages WHERE author = ?", author);
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = postgres.server().connect(postgres.database());
             PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Sends a request and waits for its answer: an {@code ack} or an {@code error}. */
    static JsonNode request(WsTestClient client, Map<String, Object> request) {
        client.send(request);
        return client.awaitAnswer(String.valueOf(request.get("id")), WAIT);
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
