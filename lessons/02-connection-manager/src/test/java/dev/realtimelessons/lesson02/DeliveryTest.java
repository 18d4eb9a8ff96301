package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step3;

@Step3
@DisplayName("Step 3: personal messages and broadcast")
class DeliveryTest {

    private static final Duration WAIT = RunningChatServer.WAIT;

    @RegisterExtension
    final RunningChatServer server = new RunningChatServer(
            ChatServerConfig.forTests().withOutboxCapacity(1_000)); // room for a burst of 800 messages

    @Test
    @DisplayName("a direct message reaches every connection of its user, and nobody else")
    void directReachesOnlyItsUser() {
        WsTestClient ada = server.connect("ada");
        WsTestClient bobPhone = server.connect("bob");
        WsTestClient bobLaptop = server.connect("bob");
        WsTestClient carol = server.connect("carol");

        ada.send(Map.of("type", "direct", "id", 1, "to", "bob", "data", "hi bob"));

        JsonNode ack = ada.awaitMessage("ack", WAIT);
        assertThat(ack.get("id").asInt()).isEqualTo(1);
        assertThat(ack.get("delivered").asInt()).isEqualTo(2);
        for (WsTestClient bob : List.of(bobPhone, bobLaptop)) {
            JsonNode direct = bob.awaitMessage("direct", WAIT);
            assertThat(direct.get("from").asText()).isEqualTo("ada");
            assertThat(direct.get("data").asText()).isEqualTo("hi bob");
        }
        carol.send(Map.of("type", "ping", "id", "after"));
        carol.awaitMessage("pong", WAIT); // anything for carol would have arrived before her pong
        assertThat(carol.received()).noneMatch(text -> text.contains("\"direct\""));
        assertThat(ada.received()).noneMatch(text -> text.contains("\"direct\""));
    }

    @Test
    @DisplayName("a message to one connection reaches that connection only, not the user's others")
    void sendToConnectionReachesOnlyIt() {
        WsTestClient adaPhone = server.connect("ada");
        WsTestClient adaLaptop = server.connect("ada");
        String phone = server.app().connections().connections().stream()
                .filter(c -> c.user().equals("ada")).map(Connection::id).findFirst().orElseThrow();
        ConnectionManager manager = server.app().connections();

        assertThat(manager.sendToConnection(phone, "{\"type\":\"only\"}")).isTrue();
        assertThat(manager.sendToConnection("not-open", "{\"type\":\"only\"}")).isFalse();

        await().atMost(WAIT).until(() -> adaPhone.received().stream().anyMatch(t -> t.contains("only"))
                || adaLaptop.received().stream().anyMatch(t -> t.contains("only")));
        for (WsTestClient client : List.of(adaPhone, adaLaptop)) {
            client.send(Map.of("type", "ping", "id", "sync"));
            client.awaitMessage("pong", WAIT);
        }
        long copies = List.of(adaPhone, adaLaptop).stream()
                .filter(client -> client.received().stream().anyMatch(t -> t.contains("\"only\""))).count();
        assertThat(copies).as("connections that got the message").isEqualTo(1);
    }

    @Test
    @DisplayName("a broadcast reaches every connection once, and can leave one user out")
    void broadcastReachesEveryoneOnce() {
        WsTestClient ada = server.connect("ada");
        WsTestClient bob = server.connect("bob");
        WsTestClient carol = server.connect("carol");

        JsonNode all = Http.json(Http.postJson(server.uri("http", "/api/broadcast"), Map.of("data", "to all")));
        JsonNode butBob = Http.json(Http.postJson(server.uri("http", "/api/broadcast"),
                Map.of("data", "not bob", "exclude_user", "bob")));

        assertThat(all.get("delivered").asInt()).isEqualTo(3);
        assertThat(butBob.get("delivered").asInt()).isEqualTo(2);
        for (WsTestClient client : List.of(ada, bob, carol)) {
            assertThat(client.awaitMessage("notification", WAIT).get("data").asText()).isEqualTo("to all");
        }
        assertThat(ada.awaitMessage("notification", WAIT).get("data").asText()).isEqualTo("not bob");
        assertThat(carol.awaitMessage("notification", WAIT).get("data").asText()).isEqualTo("not bob");
        bob.send(Map.of("type", "ping"));
        bob.awaitMessage("pong", WAIT);
        assertThat(bob.received()).filteredOn(text -> text.contains("notification")).hasSize(1);
    }

    @Test
    @DisplayName("a notification over REST reaches every connection of its user")
    void notifyReachesTheUser() {
        WsTestClient ada = server.connect("ada");
        WsTestClient adaAgain = server.connect("ada");

        JsonNode answer = Http.json(Http.postJson(server.uri("http", "/api/notify/ada"),
                Map.of("data", Map.of("kind", "invoice", "amount", 42))));

        assertThat(answer.get("delivered").asInt()).isEqualTo(2);
        for (WsTestClient client : List.of(ada, adaAgain)) {
            assertThat(client.awaitMessage("notification", WAIT).get("data").get("amount").asInt()).isEqualTo(42);
        }
    }

    @Test
    @DisplayName("concurrent broadcasts from 8 threads arrive whole, each thread's in its order, and nothing throws")
    void concurrentBroadcastsNeverInterleave() throws Exception {
        List<WsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(server.connect("user" + i));
        }
        ConnectionManager manager = server.app().connections();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    manager.broadcast(Json.write(Map.of("type", "load", "thread", thread, "i", i,
                            "padding", "x".repeat(2_000))), null, null);
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS); // rethrows anything a broadcast threw
        }
        threads.shutdown();

        for (WsTestClient client : clients) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(client.received())
                    .filteredOn(text -> text.contains("\"load\"")).hasSize(800));
            List<JsonNode> load = client.received().stream().filter(text -> text.contains("\"load\""))
                    .map(Json::tree).toList();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                assertThat(load.stream().filter(m -> m.get("thread").asInt() == thread)
                        .map(m -> m.get("i").asInt()).toList()).isSorted().hasSize(100);
            }
        }
    }
}
