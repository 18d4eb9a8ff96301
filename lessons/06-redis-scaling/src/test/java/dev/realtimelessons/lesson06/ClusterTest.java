package dev.realtimelessons.lesson06;

import static dev.realtimelessons.lesson06.RunningCluster.WAIT;
import static dev.realtimelessons.lesson06.RunningCluster.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import redis.clients.jedis.Jedis;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.WsTestClient;

@Tag("redis")
@DisplayName("Servers of a cluster")
class ClusterTest {

    private static final Map<String, String> API_KEY = Map.of("X-API-Key", "test-service-key");

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(REDIS);

    @Test
    @DisplayName("a message published on A reaches the members on B and C once, in order")
    void fanOutAcrossThreeServers() {
        List<ClusterServer> nodes = cluster.start(3);
        WsTestClient ada = cluster.member(nodes.get(0), "ada", "lobby");
        WsTestClient bob = cluster.member(nodes.get(1), "bob", "lobby");
        WsTestClient cy = cluster.member(nodes.get(2), "cy", "lobby");

        for (int i = 1; i <= 15; i++) { // lesson 03's flood control allows a burst of 20, the join included
            ada.send(Map.of("type", "publish", "room", "lobby", "data", TextNode.valueOf("m" + i)));
        }

        for (WsTestClient member : List.of(bob, cy)) {
            List<Long> seqs = new ArrayList<>();
            for (int i = 1; i <= 15; i++) {
                JsonNode message = member.awaitMessage("message", WAIT);
                assertThat(message.get("data").asText()).isEqualTo("m" + message.get("seq").asLong());
                seqs.add(message.get("seq").asLong());
            }
            assertThat(seqs).as("seqs on one server").isSorted().doesNotHaveDuplicates().hasSize(15)
                    .startsWith(1L).endsWith(15L);
        }
        request(ada, Map.of("type", "publish", "id", "last", "room", "lobby", "data", "end"));
        for (WsTestClient member : List.of(bob, cy)) {
            assertThat(member.awaitMessage("message", WAIT).get("seq").asLong()).as("no repeat before the last")
                    .isEqualTo(16);
        }
    }

    @Test
    @DisplayName("three publishers on three servers at once: every member sees one order, the seqs 1 to 45")
    void oneOrderForEveryone() {
        List<ClusterServer> nodes = cluster.start(3);
        List<WsTestClient> members = List.of(cluster.member(nodes.get(0), "ada", "lobby"),
                cluster.member(nodes.get(1), "bob", "lobby"), cluster.member(nodes.get(2), "cy", "lobby"));

        for (int i = 1; i <= 15; i++) {
            for (WsTestClient member : members) {
                member.send(Map.of("type", "publish", "room", "lobby", "data", TextNode.valueOf("m" + i)));
            }
        }

        List<List<String>> seen = new ArrayList<>();
        for (WsTestClient member : members) {
            List<String> order = new ArrayList<>();
            for (int i = 1; i <= 45; i++) {
                JsonNode message = member.awaitMessage("message", WAIT);
                assertThat(message.get("seq").asLong()).as("the %dth message's seq", i).isEqualTo(i);
                order.add(message.get("from").asText() + ":" + message.get("data").asText());
            }
            seen.add(order);
        }
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(seen.get(2)).isEqualTo(seen.get(0));
    }

    @Test
    @DisplayName("a server subscribes to a room's channel only while it has a member there")
    void subscriptionsFollowLocalMembers() {
        List<ClusterServer> nodes = cluster.start(2);
        cluster.member(nodes.get(0), "ada", "lobby");
        ClusterServer b = nodes.get(1);
        String channel = REDIS.namespace() + "room:lobby";
        String bobs = REDIS.namespace() + "user:bob";
        assertThat(subscribers(channel)).as("servers on the room's channel, before bob joins on B").isEqualTo(1);

        WsTestClient bob = cluster.member(b, "bob", "lobby");
        assertThat(subscribers(channel)).as("after bob joined on B").isEqualTo(2);

        request(bob, Map.of("type", "leave", "id", "l", "room", "lobby"));
        await("B to unsubscribe from the room's channel in Redis").atMost(WAIT)
                .until(() -> subscribers(channel) == 1);
        assertThat(subscribers(bobs)).as("B on bob's channel, while he is connected").isEqualTo(1);
        bob.close();
        await("B to unsubscribe from bob's channel in Redis").atMost(WAIT).until(() -> subscribers(bobs) == 0);
    }

    @Test
    @DisplayName("a member joining on B is told who is in the room on every server, and its history")
    void membersAndHistoryAcrossServers() {
        List<ClusterServer> nodes = cluster.start(2);
        WsTestClient ada = cluster.member(nodes.get(0), "ada", "lobby");
        for (int i = 1; i <= 3; i++) {
            request(ada, Map.of("type", "publish", "id", "p" + i, "room", "lobby", "data", "m" + i));
        }

        WsTestClient bob = cluster.connect(nodes.get(1), "bob");
        bob.send(Map.of("type", "join", "id", "j", "room", "lobby"));

        JsonNode members = bob.awaitMessage("members", WAIT);
        assertThat(members.get("users")).extracting(JsonNode::asText).containsExactly("ada", "bob");
        for (int seq = 1; seq <= 3; seq++) {
            JsonNode old = bob.awaitMessage("message", WAIT);
            assertThat(old.get("seq").asLong()).isEqualTo(seq);
            assertThat(old.get("history").asBoolean()).isTrue();
        }
        JsonNode ack = bob.awaitMessage("ack", WAIT);
        assertThat(ack.get("seq").asLong()).isEqualTo(3);
        assertThat(ada.awaitMessage("joined", WAIT).get("user").asText()).isEqualTo("bob");
    }

    @Test
    @DisplayName("a message's data crosses servers and Redis untouched: its numbers keep their digits, live and "
            + "from the stream")
    void dataNumbersCrossTheClusterExactly() {
        List<ClusterServer> nodes = cluster.start(2);
        String data = "{\"tiny\":0.1000000000000000000001,\"exp\":1E+2,\"zeros\":1.50,"
                + "\"big\":123456789012345678901234567890}";
        WsTestClient ada = cluster.member(nodes.get(0), "ada", "lobby");
        WsTestClient bob = cluster.member(nodes.get(1), "bob", "lobby");

        ada.send("{\"type\":\"publish\",\"id\":1,\"room\":\"lobby\",\"data\":" + data + "}");
        bob.awaitMessage("message", WAIT);
        WsTestClient late = cluster.member(nodes.get(1), "late", "lobby"); // its history is read from Redis

        for (WsTestClient member : List.of(bob, late)) {
            assertThat(member.received()).filteredOn(text -> text.contains("\"type\":\"message\""))
                    .singleElement(InstanceOfAssertFactories.STRING).contains("\"data\":" + data + ",");
        }
    }

    @Test
    @DisplayName("typing reaches the other members on every server, but not the typist's tabs on any server")
    void typingSkipsTheTypistsTabsEverywhere() {
        List<ClusterServer> nodes = cluster.start(2);
        WsTestClient adaOnA = cluster.member(nodes.get(0), "ada", "lobby");
        WsTestClient adaTwinOnA = cluster.member(nodes.get(0), "ada", "lobby");
        WsTestClient adaOnB = cluster.member(nodes.get(1), "ada", "lobby");
        WsTestClient bobOnB = cluster.member(nodes.get(1), "bob", "lobby");

        adaOnA.send(Map.of("type", "typing", "room", "lobby"));

        JsonNode typing = bobOnB.awaitMessage("typing", WAIT);
        assertThat(typing.get("user").asText()).isEqualTo("ada");
        request(adaOnA, Map.of("type", "publish", "id", "after", "room", "lobby", "data", "x"));
        for (WsTestClient tab : List.of(adaTwinOnA, adaOnB)) {
            tab.awaitMessage("message", WAIT); // on each server, the room's worker relayed the typing first
            assertThat(tab.received()).as("a tab of the typist").noneMatch(text -> text.contains("\"typing\""));
        }
    }

    @Test
    @DisplayName("a direct message reaches its user on another server")
    void directAcrossServers() {
        List<ClusterServer> nodes = cluster.start(2);
        WsTestClient ada = cluster.connect(nodes.get(0), "ada");
        WsTestClient bob = cluster.connect(nodes.get(1), "bob");
        awaitClusterConnections(nodes.get(0), 2);

        JsonNode ack = request(ada, Map.of("type", "direct", "id", "d", "to", "bob", "data", "psst"));

        JsonNode direct = bob.awaitMessage("direct", WAIT);
        assertThat(direct.get("from").asText()).isEqualTo("ada");
        assertThat(direct.get("data").asText()).isEqualTo("psst");
        assertThat(ack.get("delivered").asInt()).as("bob's connections, on any server").isEqualTo(1);
    }

    @Test
    @DisplayName("a REST notification and a broadcast reach users on every server")
    void restAcrossServers() {
        List<ClusterServer> nodes = cluster.start(2);
        WsTestClient ada = cluster.connect(nodes.get(0), "ada");
        WsTestClient bob = cluster.connect(nodes.get(1), "bob");
        awaitClusterConnections(nodes.get(0), 2);

        JsonNode notified = Http.json(Http.send("POST", nodes.get(0).uri("http", "/api/notify/bob"),
                Map.of("data", "invoice paid"), API_KEY));
        assertThat(bob.awaitMessage("notification", WAIT).get("data").asText()).isEqualTo("invoice paid");
        assertThat(notified.get("delivered").asInt()).isEqualTo(1);

        JsonNode broadcast = Http.json(Http.send("POST", nodes.get(1).uri("http", "/api/broadcast"),
                Map.of("data", "maintenance at noon"), API_KEY));
        assertThat(ada.awaitMessage("notification", WAIT).get("data").asText()).isEqualTo("maintenance at noon");
        assertThat(bob.awaitMessage("notification", WAIT).get("data").asText()).isEqualTo("maintenance at noon");
        assertThat(broadcast.get("delivered").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("/api/stats and the stats message sum every server")
    void statsSumEveryServer() {
        List<ClusterServer> nodes = cluster.start(2);
        WsTestClient ada = cluster.connect(nodes.get(0), "ada");
        cluster.connect(nodes.get(1), "bob");
        cluster.connect(nodes.get(1), "bob");

        awaitClusterConnections(nodes.get(0), 3);
        JsonNode stats = Http.json(Http.send("GET", nodes.get(0).uri("http", "/api/stats"), null, API_KEY));
        assertThat(stats.get("users").asInt()).isEqualTo(2);
        assertThat(Json.write(stats.get("per_user"))).isEqualTo("{\"ada\":1,\"bob\":2}");
        ada.send(Map.of("type", "stats", "id", "s"));
        assertThat(ada.awaitMessage("stats", WAIT).get("connections").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("a logout on one server closes the user's connections on every server, and only theirs")
    void logoutEverywhere() {
        List<ClusterServer> nodes = cluster.start(2);
        WsTestClient adaOnA = cluster.connect(nodes.get(0), "ada");
        WsTestClient adaOnB = cluster.connect(nodes.get(1), "ada");
        WsTestClient cyOnB = cluster.connect(nodes.get(1), "cy");
        WsTestClient bob = cluster.connect(nodes.get(1), "bob");

        adaOnA.send(Map.of("type", "logout"));
        Http.send("POST", nodes.get(0).uri("http", "/api/logout/cy"), null, API_KEY); // cy is on B only

        assertThat(adaOnA.awaitClose(WAIT).code()).isEqualTo(4002);
        assertThat(adaOnB.awaitClose(WAIT).code()).as("ada's other tab, on B").isEqualTo(4002);
        assertThat(cyOnB.awaitClose(WAIT).code()).as("cy, logged out through A's admin API").isEqualTo(4002);
        assertThat(request(bob, Map.of("type", "direct", "id", "d", "to", "bob", "data", "still here"))
                .get("id").asText()).as("bob, who did not log out").isEqualTo("d");
    }

    @Test
    @DisplayName("a payload on a room's channel that is not an envelope is ignored, and the room goes on")
    void strangersOnTheChannelAreIgnored() {
        List<ClusterServer> nodes = cluster.start(2);
        WsTestClient ada = cluster.member(nodes.get(0), "ada", "lobby");
        WsTestClient bob = cluster.member(nodes.get(1), "bob", "lobby");

        try (Jedis redis = REDIS.redis().connect()) {
            redis.publish(REDIS.namespace() + "room:lobby", "not an envelope");
            redis.publish(REDIS.namespace() + "room:lobby", "v1 node-x e1 not-a-number ~\n{}");
        }
        request(ada, Map.of("type", "publish", "id", "p", "room", "lobby", "data", "still here"));

        JsonNode next = bob.awaitMessage("message", WAIT);
        assertThat(next.get("data").asText()).isEqualTo("still here");
        assertThat(bob.received()).as("what bob got").noneMatch(text -> text.contains("envelope"));
    }

    /** How many servers Redis says are subscribed to a channel. */
    private static long subscribers(String channel) {
        try (Jedis redis = REDIS.redis().connect()) {
            return redis.pubsubNumSub(channel).getOrDefault(channel, 0L);
        }
    }

    private static void awaitClusterConnections(ClusterServer node, int connections) {
        await("every server's connections in the cluster's figures").atMost(WAIT)
                .until(() -> node.stats().cluster().connections() == connections);
    }
}
