package dev.realtimelessons.lesson07;

import static dev.realtimelessons.lesson07.RunningChat.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
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
@DisplayName("Lesson 07's requests, when they are wrong")
class ChatErrorsTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningChat chat = new RunningChat(redis, postgres);

    private WsTestClient ada;
    private WsTestClient bob;
    private int ids;

    @BeforeEach
    void adaWroteTwoMessagesAndDeletedOne() {
        ClusterServer server = chat.start();
        ada = chat.member(server, "ada", "lobby");
        bob = chat.member(server, "bob", "lobby");
        send(ada, "publish", "data", Map.of("text", "hi"));
        send(ada, "publish", "data", Map.of("text", "oops"));
        send(ada, "delete", "seq", 2);
    }

    /** Sends a request in the lobby, with the given fields, and returns its answer. */
    private JsonNode send(WsTestClient client, String type, Object... fields) {
        Map<String, Object> request = new LinkedHashMap<>(Map.of("type", type, "id", "r" + ++ids, "room", "lobby"));
        for (int i = 0; i < fields.length; i += 2) {
            request.put((String) fields[i], fields[i + 1]);
        }
        return request(client, request);
    }

    private static String code(JsonNode answer) {
        assertThat(answer.get("type").asText()).as("the answer to a wrong request").isEqualTo("error");
        return answer.get("code").asText();
    }

    @Test
    @DisplayName("a client_msg_id that is not 1 to 64 letters, digits, - or _ gets invalid_field")
    void badClientMessageIds() {
        assertThat(code(send(ada, "publish", "data", "x", "client_msg_id", "has space"))).isEqualTo("invalid_field");
        assertThat(code(send(ada, "publish", "data", "x", "client_msg_id", "x".repeat(65)))).isEqualTo("invalid_field");
        assertThat(code(send(ada, "publish", "data", "x", "client_msg_id", 7))).isEqualTo("invalid_field");
    }

    @Test
    @DisplayName("edit, delete and read without a seq of 1 or more, or an edit without data, get invalid_field")
    void badSeqs() {
        assertThat(code(send(ada, "edit", "data", "x"))).isEqualTo("invalid_field");
        assertThat(code(send(ada, "edit", "seq", 1))).as("no data").isEqualTo("invalid_field");
        assertThat(code(send(ada, "delete", "seq", 0))).isEqualTo("invalid_field");
        assertThat(code(send(ada, "read", "seq", "2"))).isEqualTo("invalid_field");
        assertThat(code(send(ada, "edit", "seq", 1, "data", "x", "version", -1))).isEqualTo("invalid_field");
    }

    @Test
    @DisplayName("a sync without after, or with a limit outside 1 to 100, and a typing whose active is no boolean,"
            + " get invalid_field")
    void badSyncsAndTyping() {
        assertThat(code(send(ada, "sync"))).isEqualTo("invalid_field");
        assertThat(code(send(ada, "sync", "after", 0, "limit", 0))).isEqualTo("invalid_field");
        assertThat(code(send(ada, "sync", "after", 0, "limit", 101))).isEqualTo("invalid_field");
        assertThat(code(send(ada, "sync", "after", -1))).isEqualTo("invalid_field");
        assertThat(code(send(ada, "typing", "active", "no"))).isEqualTo("invalid_field");
    }

    @Test
    @DisplayName("changing a message is refused to anyone but its author, and for a missing or deleted message")
    void refusedChanges() {
        assertThat(code(send(bob, "edit", "seq", 1, "data", "x"))).isEqualTo("not_authorized");
        assertThat(code(send(bob, "delete", "seq", 1))).isEqualTo("not_authorized");
        assertThat(code(send(ada, "edit", "seq", 9, "data", "x"))).isEqualTo("not_found");
        assertThat(code(send(ada, "edit", "seq", 2, "data", "x"))).isEqualTo("message_deleted");
        assertThat(send(ada, "delete", "seq", 2).get("type").asText()).as("a second delete").isEqualTo("ack");
    }

    @Test
    @DisplayName("an edit of a version that is no longer the message's gets version_conflict")
    void staleEdit() {
        send(ada, "edit", "seq", 1, "data", "first", "version", 1);

        JsonNode stale = send(ada, "edit", "seq", 1, "data", "second", "version", 1);

        assertThat(code(stale)).isEqualTo("version_conflict");
        assertThat(stale.get("message").asText()).contains("version 2");
    }

    @Test
    @DisplayName("a read beyond the room's latest message gets invalid_field; in a room not joined, not_a_member")
    void badReads() {
        assertThat(code(send(bob, "read", "seq", 3))).isEqualTo("invalid_field");
        Map<String, Object> elsewhere = Map.of("type", "read", "id", "x1", "room", "kitchen", "seq", 1);
        assertThat(code(request(bob, elsewhere))).isEqualTo("not_a_member");
        Map<String, Object> edit = Map.of("type", "edit", "id", "x2", "room", "kitchen", "seq", 1, "data", "x");
        assertThat(code(request(ada, edit))).isEqualTo("not_a_member");
    }
}
