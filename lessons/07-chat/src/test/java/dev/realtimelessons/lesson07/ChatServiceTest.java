package dev.realtimelessons.lesson07;

import static dev.realtimelessons.lesson07.RunningChat.WAIT;
import static dev.realtimelessons.lesson07.RunningChat.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("postgres")
@Tag("redis")
@DisplayName("The chat service, two servers on one database")
class ChatServiceTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningChat chat = new RunningChat(redis, postgres);

    private static Map<String, Object> publish(String id, String text, String clientMsgId) {
        return Map.of("type", "publish", "id", id, "room", "lobby", "data", Map.of("text", text),
                "client_msg_id", clientMsgId);
    }


    @Test
    @DisplayName("acks a message once it is stored, and delivers it to the members of every server")
    void storedThenDelivered() throws Exception {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WsTestClient ada = chat.member(a, "ada", "lobby");
        WsTestClient bob = chat.member(b, "bob", "lobby");

        JsonNode ack = request(ada, publish("p1", "hi", "m-1"));

        assertThat(ack.get("type").asText()).isEqualTo("ack");
        assertThat(ack.get("seq").asLong()).isEqualTo(1);
        assertThat(chat.storedMessages()).as("in the database when the ack came").isEqualTo(1);
        JsonNode message = bob.awaitMessage("message", WAIT);
        assertThat(message.get("seq").asLong()).isEqualTo(1);
        assertThat(message.get("data").get("text").asText()).isEqualTo("hi");
    }

    @Test
    @DisplayName("answers a retry after a lost ack with the same seq, and nobody gets the message twice")
    void retryAfterALostAck() throws Exception {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WsTestClient bob = chat.member(b, "bob", "lobby");
        WsTestClient ada = chat.member(a, "ada", "lobby");

        long first = request(ada, publish("p1", "hi", "m-1")).get("seq").asLong();
        ada.close(); // the ack was lost: ada's client reconnects and sends the same message again
        WsTestClient again = chat.member(b, "ada", "lobby");
        long retried = request(again, publish("p2", "hi", "m-1")).get("seq").asLong();
        request(again, publish("p3", "next", "m-2"));

        assertThat(retried).as("the retry's seq").isEqualTo(first);
        assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).isEqualTo(1);
        assertThat(bob.awaitMessage("message", WAIT).get("seq").asLong()).as("the message after, not the retry")
                .isEqualTo(2);
        assertThat(chat.storedMessages()).isEqualTo(2);
    }

    @Test
    @DisplayName("tells every member of an edit, and a joiner's history holds the latest version")
    void editsReachEveryoneAndHistory() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WsTestClient ada = chat.member(a, "ada", "lobby");
        WsTestClient bob = chat.member(b, "bob", "lobby");
        request(ada, publish("p1", "helo", "m-1"));

        JsonNode ack = request(ada, Map.of("type", "edit", "id", "e1", "room", "lobby", "seq", 1,
                "data", Map.of("text", "hello"), "version", 1));
        JsonNode updated = bob.awaitMessage("message_updated", WAIT);
        WsTestClient carol = chat.member(a, "carol", "lobby");
        JsonNode history = carol.awaitMessage("message", WAIT);

        assertThat(ack.get("version").asInt()).isEqualTo(2);
        assertThat(updated.get("seq").asLong()).isEqualTo(1);
        assertThat(updated.get("version").asInt()).isEqualTo(2);
        assertThat(updated.get("data").get("text").asText()).isEqualTo("hello");
        assertThat(updated.get("edited_at").asLong()).isPositive();
        assertThat(history.get("data").get("text").asText()).as("never the stale text").isEqualTo("hello");
        assertThat(history.get("version").asInt()).isEqualTo(2);
        assertThat(history.get("history").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("refuses another user's edit, deletes into a tombstone, and refuses to edit it")
    void onlyTheAuthorChangesAMessage() {
        ClusterServer a = chat.start();
        WsTestClient ada = chat.member(a, "ada", "lobby");
        WsTestClient bob = chat.member(a, "bob", "lobby");
        request(ada, publish("p1", "hi", "m-1"));

        JsonNode refused = request(bob, Map.of("type", "edit", "id", "e1", "room", "lobby", "seq", 1,
                "data", Map.of("text", "bob was here")));
        request(ada, Map.of("type", "delete", "id", "d1", "room", "lobby", "seq", 1));
        JsonNode deleted = bob.awaitMessage("message_deleted", WAIT);
        JsonNode tooLate = request(ada, Map.of("type", "edit", "id", "e2", "room", "lobby", "seq", 1,
                "data", Map.of("text", "back")));
        WsTestClient carol = chat.member(a, "carol", "lobby");
        JsonNode tombstone = carol.awaitMessage("message", WAIT);

        assertThat(refused.get("code").asText()).isEqualTo("not_authorized");
        assertThat(deleted.get("seq").asLong()).isEqualTo(1);
        assertThat(tooLate.get("code").asText()).isEqualTo("message_deleted");
        assertThat(tombstone.get("deleted").asBoolean()).isTrue();
        assertThat(tombstone.get("data").isNull()).as("no text left in the history").isTrue();
    }

    @Test
    @DisplayName("stops a typing indicator when the typist says so, or sends a message")
    void typingStops() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WsTestClient ada = chat.member(a, "ada", "lobby");
        WsTestClient bob = chat.member(b, "bob", "lobby");

        ada.send(Map.of("type", "typing", "room", "lobby"));
        JsonNode started = bob.awaitMessage("typing", WAIT);
        ada.send(Map.of("type", "typing", "room", "lobby", "active", false));
        JsonNode stopped = bob.awaitMessage("typing", WAIT);
        ada.send(Map.of("type", "typing", "room", "lobby"));
        bob.awaitMessage("typing", WAIT);
        request(ada, publish("p1", "done typing", "m-1"));
        JsonNode stoppedBySending = bob.awaitMessage("typing", WAIT);
        JsonNode message = bob.awaitMessage("message", WAIT);

        assertThat(started.get("active").asBoolean()).isTrue();
        assertThat(stopped.get("active").asBoolean()).as("stopped at once, not after 3 s").isFalse();
        assertThat(stoppedBySending.get("active").asBoolean()).isFalse();
        assertThat(bob.received()).as("the stop comes before the message")
                .filteredOn(text -> text.contains("\"typing\"") || text.contains("\"message\""))
                .last().asString().contains("\"message\"");
        assertThat(message.get("seq").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("pages a client that was away through the room's messages by cursor")
    void syncByCursor() {
        ClusterServer a = chat.start();
        WsTestClient ada = chat.member(a, "ada", "lobby");
        for (int i = 1; i <= 5; i++) {
            request(ada, publish("p" + i, "hi " + i, "m-" + i));
        }
        request(ada, Map.of("type", "delete", "id", "d1", "room", "lobby", "seq", 4));

        JsonNode first = request(ada, Map.of("type", "sync", "id", "s1", "room", "lobby", "after", 0, "limit", 3));
        JsonNode second = request(ada, Map.of("type", "sync", "id", "s2", "room", "lobby",
                "after", first.get("next").asLong(), "limit", 3));

        assertThat(first.get("messages")).extracting(message -> message.get("seq").asLong())
                .containsExactly(1L, 2L, 3L);
        assertThat(first.get("more").asBoolean()).isTrue();
        assertThat(second.get("messages")).extracting(message -> message.get("seq").asLong())
                .containsExactly(4L, 5L);
        assertThat(second.get("messages").get(0).get("deleted").asBoolean()).as("4 was deleted").isTrue();
        assertThat(second.get("more").asBoolean()).isFalse();
        assertThat(second.get("next").asLong()).isEqualTo(5);
    }

    @Test
    @DisplayName("tells the others when a member reads, and a join says how many messages are unread")
    void readReceipts() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WsTestClient ada = chat.member(a, "ada", "lobby");
        WsTestClient bob = chat.member(b, "bob", "lobby");
        for (int i = 1; i <= 3; i++) {
            request(ada, publish("p" + i, "hi " + i, "m-" + i));
        }

        request(bob, Map.of("type", "read", "id", "r1", "room", "lobby", "seq", 2));
        JsonNode read = ada.awaitMessage("read", WAIT);
        JsonNode beyond = request(bob, Map.of("type", "read", "id", "r2", "room", "lobby", "seq", 9));
        JsonNode secondTab = chat.join(chat.connect(a, "bob"), "lobby");

        assertThat(read.get("user").asText()).isEqualTo("bob");
        assertThat(read.get("seq").asLong()).isEqualTo(2);
        assertThat(beyond.get("code").asText()).isEqualTo("invalid_field");
        assertThat(secondTab.get("unread").asLong()).as("ada's third message").isEqualTo(1);
    }
}
