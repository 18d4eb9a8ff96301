package dev.realtimelessons.lesson06;

import static dev.realtimelessons.lesson06.RunningCluster.WAIT;
import static dev.realtimelessons.lesson06.RunningCluster.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.params.ClientKillParams;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Futures;
import dev.realtimelessons.kit.testing.LocalNginx;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson05.client.Backoff;
import dev.realtimelessons.lesson05.client.ConnectionState;
import dev.realtimelessons.lesson05.client.RealtimeClient;
import dev.realtimelessons.lesson03.Room;
import dev.realtimelessons.lesson05.client.Recovery;

@Tag("redis")
@DisplayName("A cluster under faults")
class FaultTest {

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    @RegisterExtension
    final RunningCluster cluster = new RunningCluster(REDIS);

    private final List<Long> delivered = new CopyOnWriteArrayList<>();
    private final List<Recovery> recoveries = new CopyOnWriteArrayList<>();
    /** Holds each reconnect until the test opens it: what happens while the client is away is the test's. */
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));

    @Test
    @DisplayName("Redis restarts: local delivery goes on, joins are refused, the servers resubscribe, nothing twice")
    void redisRestarts() {
        Assumptions.assumeTrue(REDIS.redis().embedded(), "only a Redis this test started can be restarted");
        List<ClusterServer> nodes = cluster.start(2);
        WsTestClient ada = cluster.member(nodes.get(0), "ada", "lobby");
        WsTestClient al = cluster.member(nodes.get(0), "al", "lobby");
        WsTestClient bob = cluster.member(nodes.get(1), "bob", "lobby");
        request(ada, Map.of("type", "publish", "id", "p1", "room", "lobby", "data", "before"));
        assertThat(bob.awaitMessage("message", WAIT).get("data").asText()).isEqualTo("before");
        assertThat(al.awaitMessage("message", WAIT).get("data").asText()).isEqualTo("before");

        REDIS.redis().stop();
        await("both servers to notice").atMost(WAIT)
                .until(() -> nodes.stream().noneMatch(node -> node.broker().connected()));
        JsonNode ack = request(ada, Map.of("type", "publish", "id", "p2", "room", "lobby", "data", "during"));

        assertThat(ack.get("seq").isNull()).as("no number without Redis: %s", ack).isTrue();
        JsonNode local = al.awaitMessage("message", WAIT);
        assertThat(local.get("data").asText()).as("delivered on ada's server").isEqualTo("during");
        assertThat(local.get("seq").isNull()).isTrue();
        al.send(Map.of("type", "join", "id", "j2", "room", "elsewhere"));
        JsonNode refused = al.awaitMessage("error", WAIT);
        assertThat(refused.get("code").asText()).as("a join without Redis: %s", refused).isEqualTo("unavailable");
        assertThat(refused.get("id").asText()).isEqualTo("j2");
        assertThat(nodes.get(0).heartbeat().auth().rooms().rooms().room("elsewhere")).as("the room").isEmpty();

        REDIS.redis().start(); // empty: the embedded Redis keeps nothing on disk, like a crash that lost data
        await("both servers to reconnect and resubscribe").atMost(WAIT)
                .until(() -> nodes.stream().allMatch(node -> node.broker().connected()));
        try (Jedis redis = REDIS.redis().connect()) {
            String broadcast = REDIS.namespace() + "broadcast";
            assertThat(redis.pubsubNumSub(broadcast)).as("servers subscribed again, in Redis")
                    .containsEntry(broadcast, 2L);
        }
        // The rooms' numbering is gone with Redis's data: members are closed with 1012 to rejoin, never left
        // with numbers that would repeat.
        for (WsTestClient member : List.of(ada, al, bob)) {
            assertThat(member.awaitClose(WAIT).code()).isEqualTo(ClusterRooms.HISTORY_RESET);
        }
        assertThat(bob.received()).as("what bob got").noneMatch(text -> text.contains("during"));
    }

    @Test
    @DisplayName("Redis restarts: a reconnecting client rejoins in the new epoch and gets every later message once")
    void clientsRejoinAfterRedisLostItsData() {
        Assumptions.assumeTrue(REDIS.redis().embedded(), "only a Redis this test started can be restarted");
        List<ClusterServer> nodes = cluster.start(2);
        RealtimeClient ada = client(nodes.get(0).uri("ws", "/ws"));
        Futures.await(ada.connect(), WAIT, "ada's connect");
        Futures.await(ada.join("lobby"), WAIT, "ada's join of lobby");
        WsTestClient bob = cluster.member(nodes.get(1), "bob", "lobby");
        publish(bob, 1, 2);
        await("messages 1 and 2").atMost(WAIT).until(() -> delivered.size() == 2);

        REDIS.redis().stop();
        await("B to notice").atMost(WAIT).until(() -> !nodes.get(1).broker().connected());
        REDIS.redis().start();
        assertThat(bob.awaitClose(WAIT).code()).isEqualTo(ClusterRooms.HISTORY_RESET);
        await("ada to rejoin").atMost(WAIT).until(() -> !recoveries.isEmpty());
        assertThat(recoveries.get(0).recovered()).as("a resume across lost data").isFalse();

        WsTestClient bob2 = cluster.member(nodes.get(1), "bob", "lobby");
        publish(bob2, 1, 3);
        await("the new epoch's messages").atMost(WAIT).until(() -> delivered.size() >= 5);
        assertThat(delivered).containsExactly(1L, 2L, 1L, 2L, 3L);
    }

    @Test
    @DisplayName("a publish waiting for a slow Redis holds no room lock: a close or a leave meanwhile does not wait")
    void noRoomLockAcrossRedisCalls() {
        Assumptions.assumeTrue(REDIS.redis().embedded(), "only a Redis this test started may be paused");
        List<ClusterServer> nodes = cluster.start(1);
        WsTestClient ada = cluster.member(nodes.get(0), "ada", "lobby");
        publish(ada, 1, 1); // the room's worker has done what the join queued (announcing ada to the others)

        try (Jedis redis = REDIS.redis().connect()) {
            redis.clientPause(1_500, ClientPauseMode.WRITE); // the append script waits; within the 2 s timeout
            ada.send(Map.of("type", "publish", "id", "slow", "room", "lobby", "data", "x"));

            Thread appending = await("the room's worker to wait on the append").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(10)).until(FaultTest::threadInAppend, found -> found != null);
            ThreadInfo info = ManagementFactory.getThreadMXBean()
                    .getThreadInfo(new long[] {appending.getId()}, true, false)[0];
            assertThat(info.getLockedMonitors()).as("monitors held while waiting on Redis")
                    .extracting(MonitorInfo::getClassName).doesNotContain(Room.class.getName());
        }
        assertThat(ada.awaitMessage("ack", WAIT).get("id").asText()).isEqualTo("slow");
    }

    /** The thread that is running {@code RedisHistory.append} now, or null. */
    private static Thread threadInAppend() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> Arrays.stream(entry.getValue()).anyMatch(frame ->
                        frame.getClassName().equals(RedisHistory.class.getName())
                                && frame.getMethodName().equals("append")))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    @Test
    @DisplayName("a server's subscription is cut: it reconnects, catches up from the stream, and nothing comes twice")
    void subscriptionCut() {
        ClusterServer a = cluster.start(cluster.config());
        ClusterServer b = cluster.start(cluster.config().withRedisRetry(Duration.ofSeconds(2)));
        WsTestClient ada = cluster.member(a, "ada", "lobby");
        WsTestClient bob = cluster.member(b, "bob", "lobby");
        publish(ada, 1, 1);
        assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).isEqualTo(1);

        try (Jedis redis = REDIS.redis().connect()) {
            String id = redis.clientList().lines()
                    .filter(line -> line.contains(" name=" + REDIS.namespace() + b.node() + "-subscriber "))
                    .map(line -> line.substring(3, line.indexOf(' '))).findFirst().orElseThrow();
            redis.clientKill(new ClientKillParams().id(id));
        }
        await("B to notice").atMost(WAIT).until(() -> b.broker().losses() == 1);
        publish(ada, 2, 4); // B hears nothing of these: pub/sub is at most once
        await("B to reconnect").atMost(WAIT).until(() -> b.broker().connected());

        for (long seq = 2; seq <= 4; seq++) { // with no later message to reveal the gap: B's catch-up
            assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).isEqualTo(seq);
        }
        request(ada, Map.of("type", "publish", "id", "last", "room", "lobby", "data", "end"));
        assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).as("nothing twice").isEqualTo(5);
    }

    @Test
    @DisplayName("a server stops: its clients reconnect through nginx to another and recover what they missed")
    void serverStops() {
        LocalNginx.requireInstalled();
        List<ClusterServer> nodes = cluster.start(2);
        LocalNginx nginx = cluster.closeLater(LocalNginx.start(
                nodes.stream().map(node -> node.uri("http", "")).toList(), Duration.ofSeconds(60)));
        RealtimeClient ada = client(nginx.uri("ws", "/ws"));
        Futures.await(ada.connect(), WAIT, "ada's connect");
        Futures.await(ada.join("lobby"), WAIT, "ada's join of lobby");
        ClusterServer adas = nodes.stream().filter(node -> node.app().connections().stats().connections() == 1)
                .findFirst().orElseThrow();
        ClusterServer other = nodes.get(0) == adas ? nodes.get(1) : nodes.get(0);
        WsTestClient bob = cluster.member(other, "bob", "lobby");
        publish(bob, 1, 3);
        await("messages 1 to 3").atMost(WAIT).until(() -> delivered.size() == 3);

        gate.set(new CountDownLatch(1));
        adas.close();
        await("ada to notice").atMost(WAIT).until(() -> ada.state() == ConnectionState.RECONNECTING);
        publish(bob, 4, 6); // while ada is away
        gate.get().countDown();

        await("messages 4 to 6, after the reconnect").atMost(WAIT).until(() -> delivered.size() >= 6);
        assertThat(other.app().connections().stats().perUser()).as("on the other server").containsKey("ada");
        publish(bob, 7, 7);
        await("message 7, live").atMost(WAIT).until(() -> delivered.size() >= 7);
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(recoveries).singleElement().satisfies(recovery -> {
            assertThat(recovery.recovered()).isTrue();
            assertThat(recovery.replayed()).isEqualTo(3);
        });
    }

    private RealtimeClient client(java.net.URI uri) {
        String token = cluster.issuer().issue("ada", Set.of(), Set.of());
        return cluster.closeLater(RealtimeClient.builder(uri)
                .headers(() -> {
                    try {
                        gate.get().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Map.of("Authorization", "Bearer " + token);
                })
                .backoff(() -> new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 100, new Random(7)))
                .onRoomMessage(message -> delivered.add(message.get("seq").asLong()))
                .onRecovery(recoveries::add)
                .build());
    }

    private static void publish(WsTestClient from, int first, int last) {
        for (int i = first; i <= last; i++) {
            JsonNode ack = request(from, Map.of("type", "publish", "id", "p" + i, "room", "lobby", "data", "m" + i));
            assertThat(ack.get("id").asText()).isEqualTo("p" + i);
        }
    }
}
