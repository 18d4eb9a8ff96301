package dev.realtimelessons.lesson07;

import static dev.realtimelessons.lesson07.RunningChat.WAIT;
import static dev.realtimelessons.lesson07.RunningChat.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.postgres.PostgresUrl;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.TcpProxy;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("postgres")
@Tag("redis")
@DisplayName("The chat service, when its database goes down")
class DatabaseFaultTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningChat chat = new RunningChat(redis, postgres);

    private static Map<String, Object> inLobby(String type, String id, Object... fields) {
        Map<String, Object> request = new LinkedHashMap<>(Map.of("type", type, "id", id, "room", "lobby"));
        for (int i = 0; i < fields.length; i += 2) {
            request.put((String) fields[i], fields[i + 1]);
        }
        return request;
    }


    @Test
    @DisplayName("answers unavailable, stores and delivers nothing, and goes on once the database is back")
    void downThenBack() throws Exception {
        PostgresUrl database = postgres.database();
        try (TcpProxy proxy = TcpProxy.to(database.host(), database.port())) {
            ClusterServer server = chat.start(new PostgresUrl("127.0.0.1", proxy.port(), database.database(),
                    database.user(), database.password()));
            WsTestClient ada = chat.member(server, "ada", "lobby");
            WsTestClient bob = chat.member(server, "bob", "lobby");
            request(ada, inLobby("publish", "p1", "data", "before", "client_msg_id", "m-1"));
            assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).isEqualTo(1);

            proxy.cut();
            JsonNode publish = request(ada, inLobby("publish", "p2", "data", "during", "client_msg_id", "m-2"));
            JsonNode edit = request(ada, inLobby("edit", "e1", "seq", 1, "data", "edited"));
            JsonNode delete = request(ada, inLobby("delete", "d1", "seq", 1));
            JsonNode read = request(bob, inLobby("read", "r1", "seq", 1));
            JsonNode sync = request(bob, inLobby("sync", "s1", "after", 0));
            JsonNode join = request(chat.connect(server, "carol"), inLobby("join", "j1"));
            proxy.restore();
            // What a client does with unavailable: the same message, with the same id, until it is acked. The pool
            // may need a moment to connect again.
            AtomicInteger attempts = new AtomicInteger();
            JsonNode again = await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> request(ada,
                    inLobby("publish", "p3-" + attempts.incrementAndGet(), "data", "during", "client_msg_id", "m-2")),
                    answer -> answer.get("type").asText().equals("ack"));

            for (JsonNode refused : new JsonNode[] {publish, edit, delete, read, sync, join}) {
                assertThat(refused.get("code").asText()).as("the answer to %s", refused.get("id"))
                        .isEqualTo("unavailable");
            }
            assertThat(again.get("seq").asLong()).as("the refused message was never numbered: the retry is 2")
                    .isEqualTo(2);
            assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).as("bob's next message").isEqualTo(2);
            assertThat(bob.received()).filteredOn(text -> text.contains("message_updated")
                    || text.contains("message_deleted")).as("no change was told: none was made").isEmpty();
            assertThat(chat.storedMessages()).isEqualTo(2);
        }
    }
}
