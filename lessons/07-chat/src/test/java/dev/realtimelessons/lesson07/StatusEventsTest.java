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
@DisplayName("Online status, told to the users who share a room")
class StatusEventsTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningChat chat = new RunningChat(redis, postgres);

    @Test
    @DisplayName("a user with tabs on two servers is offline, with last_seen, only when the last one closes")
    void offlineWhenTheLastTabCloses() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WsTestClient bob = chat.member(a, "bob", "lobby");
        WsTestClient adaOnA = chat.member(a, "ada", "lobby");
        WsTestClient adaOnB = chat.member(b, "ada", "lobby");

        adaOnA.close();
        request(bob, Map.of("type", "ping", "id", "p1")); // whatever the first close sent has arrived by now
        adaOnB.close();
        JsonNode offline = bob.awaitMessage("user_status", WAIT);

        assertThat(offline.get("user").asText()).isEqualTo("ada");
        assertThat(offline.get("status").asText()).isEqualTo("offline");
        assertThat(offline.get("last_seen").asLong()).isPositive();
        assertThat(bob.received()).filteredOn(text -> text.contains("user_status"))
                .as("one status change: the last tab's").hasSize(1);
    }

    @Test
    @DisplayName("away and back reach the members on every server, and a joiner learns who is away")
    void awayAndBack() {
        ClusterServer a = chat.start();
        ClusterServer b = chat.start();
        WsTestClient ada = chat.member(a, "ada", "lobby");
        WsTestClient bob = chat.member(b, "bob", "lobby");

        request(ada, Map.of("type", "status", "id", "s1", "status", "away"));
        JsonNode away = bob.awaitMessage("user_status", WAIT);
        WsTestClient carol = chat.member(b, "carol", "lobby");
        JsonNode told = carol.awaitMessage("user_status", WAIT);
        request(ada, Map.of("type", "status", "id", "s2", "status", "online"));
        JsonNode back = bob.awaitMessage("user_status", WAIT);
        JsonNode refused = request(ada, Map.of("type", "status", "id", "s3", "status", "busy"));

        assertThat(away.get("status").asText()).isEqualTo("away");
        assertThat(told.get("user").asText()).isEqualTo("ada");
        assertThat(told.get("status").asText()).as("what carol learns on joining").isEqualTo("away");
        assertThat(back.get("status").asText()).isEqualTo("online");
        assertThat(refused.get("code").asText()).isEqualTo("invalid_field");
    }

    @Test
    @DisplayName("a user who comes back online is announced in the rooms they had joined")
    void backOnline() {
        ClusterServer a = chat.start();
        WsTestClient bob = chat.member(a, "bob", "lobby");
        chat.member(a, "ada", "lobby").close();
        assertThat(bob.awaitMessage("user_status", WAIT).get("status").asText()).isEqualTo("offline");

        chat.connect(a, "ada");
        JsonNode online = bob.awaitMessage("user_status", WAIT);

        assertThat(online.get("user").asText()).isEqualTo("ada");
        assertThat(online.get("status").asText()).isEqualTo("online");
        assertThat(online.get("last_seen").isNull()).isTrue();
    }
}
