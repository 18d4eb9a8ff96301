package dev.realtimelessons.lesson06;

import static dev.realtimelessons.lesson06.RunningCluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.node.TextNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson03.RoomMessage;

/**
 * The test plays another server: it numbers messages in the room's stream with the lesson's own
 * {@link RedisHistory}, and decides which of them it publishes, so that the server under test misses some.
 */
@Tag("redis")
@DisplayName("A server that missed messages")
class GapTest {

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(REDIS);

    private JedisPooled pool;
    private RedisHistory otherServer;

    @BeforeEach
    void connect() {
        pool = new JedisPooled(REDIS.redis().uri());
        otherServer = new RedisHistory(pool, REDIS.namespace(), 100, Duration.ofHours(1));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    @DisplayName("fills the gap from the stream when a message overtakes others, and delivers in order")
    void fillsTheGap() {
        WsTestClient bob = cluster.member(cluster.start(cluster.config()), "bob", "lobby");
        publish(append("m1"));
        assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).isEqualTo(1);

        append("m2");
        append("m3"); // numbered and kept, never published: lost by pub/sub
        publish(append("m4"));

        for (long seq = 2; seq <= 4; seq++) {
            assertThat(bob.awaitMessage("message", WAIT).get("data").asText()).isEqualTo("m" + seq);
        }
        publish(append("m5"));
        assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).as("nothing twice").isEqualTo(5);
    }

    @Test
    @DisplayName("closes the members with 1012 when the stream no longer keeps what was missed: never a silent gap")
    void neverASilentGap() {
        WsTestClient bob = cluster.member(cluster.start(cluster.config()), "bob", "lobby");
        publish(append("m1"));
        assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).isEqualTo(1);

        append("m2");
        append("m3");
        pool.xdel(REDIS.namespace() + "{room:lobby}:log", new StreamEntryID(2, 0)); // as a trim would
        publish(append("m4"));

        assertThat(bob.awaitClose(WAIT).code()).isEqualTo(ClusterRooms.HISTORY_RESET);
        assertThat(bob.received()).as("what bob got").noneMatch(text -> text.contains("\"m3\"")
                || text.contains("\"m4\""));
    }

    private RoomMessage append(String data) {
        return otherServer.append("lobby", "ada", TextNode.valueOf(data));
    }

    private void publish(RoomMessage message) {
        Envelope envelope = new Envelope("node-other", otherServer.epochOf("lobby"), message.seq(),
                null, Json.write(message));
        pool.publish(REDIS.namespace() + "room:lobby", envelope.encode());
    }
}
