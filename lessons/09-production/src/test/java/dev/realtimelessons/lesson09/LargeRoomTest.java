package dev.realtimelessons.lesson09;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.WsTestClient;

@Tag("postgres")
@Tag("redis")
@DisplayName("Large rooms")
class LargeRoomTest {

    private static final Duration PERIOD = Duration.ofMillis(200);

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningProduction service = new RunningProduction(redis, postgres);

    @Test
    @DisplayName("up to the threshold, a joiner gets every name and the others hear each joined and left")
    void smallRoom() {
        ProductionServer a = service.start(ProductionConfig.defaults().withLargeRoom(5, PERIOD), 0);
        List<WsTestClient> users = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            users.add(join(service.connect(a, "u" + i), "lobby"));
        }
        WsTestClient first = users.get(0);
        WsTestClient fifth = users.get(4);

        fifth.send(Map.of("type", "leave", "room", "lobby", "id", "bye"));

        assertThat(fifth.received().stream().map(Json::tree).filter(m -> m.path("type").asText().equals("members"))
                .findFirst().orElseThrow().get("users")).hasSize(5);
        for (int i = 2; i <= 5; i++) {
            assertThat(first.awaitMessage("joined", RunningProduction.WAIT).get("user").asText()).isEqualTo("u" + i);
        }
        assertThat(first.awaitMessage("left", RunningProduction.WAIT).get("user").asText()).isEqualTo("u5");
    }

    @Test
    @DisplayName("above the threshold, a joiner gets the count, nobody hears joined or left, and the members hear"
            + " one members_changed a period")
    void largeRoom() {
        ProductionServer a = service.start(ProductionConfig.defaults().withLargeRoom(5, PERIOD), 0);
        List<WsTestClient> users = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            users.add(join(service.connect(a, "u" + i), "lobby"));
        }
        WsTestClient first = users.get(0);
        for (int i = 2; i <= 5; i++) {
            first.awaitMessage("joined", RunningProduction.WAIT); // the small room's, before the threshold
        }

        WsTestClient sixth = service.connect(a, "u6");
        sixth.send(Map.of("type", "join", "room", "lobby", "id", "j"));
        JsonNode members = sixth.awaitMessage("members", RunningProduction.WAIT);
        WsTestClient seventh = join(service.connect(a, "u7"), "lobby");
        JsonNode changed = awaitCount(first, 7);
        seventh.send(Map.of("type", "leave", "room", "lobby", "id", "bye"));
        JsonNode afterLeave = awaitCount(first, 6);

        assertThat(members.get("count").asInt()).isEqualTo(6);
        assertThat(members.has("users")).as("no names in a large room's join").isFalse();
        assertThat(changed.get("room").asText()).isEqualTo("lobby");
        assertThat(afterLeave.get("left").asInt()).isEqualTo(1);
        assertThat(afterLeave.get("joined").asInt()).isZero();
        assertThat(types(first)).as("no joined or left above the threshold").doesNotContain("left")
                .filteredOn("joined"::equals).hasSize(4);
        assertThat(types(sixth)).doesNotContain("joined", "left");
    }

    @Test
    @DisplayName("a member pages through the names, sorted; someone not in the room is refused")
    void paging() {
        ProductionServer a = service.start(ProductionConfig.defaults().withLargeRoom(5, PERIOD), 0);
        List<WsTestClient> users = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            users.add(join(service.connect(a, "u" + i), "lobby"));
        }
        WsTestClient first = users.get(0);
        WsTestClient outsider = service.connect(a, "zed");

        JsonNode page1 = ask(first, "p1", Map.of("type", "members", "room", "lobby", "limit", 3, "id", "p1"));
        JsonNode page2 = ask(first, "p2", Map.of("type", "members", "room", "lobby", "limit", 3, "after", "u3",
                "id", "p2"));
        JsonNode page3 = ask(first, "p3", Map.of("type", "members", "room", "lobby", "limit", 3, "after", "u6",
                "id", "p3"));
        JsonNode refused = ask(outsider, "p4", Map.of("type", "members", "room", "lobby", "id", "p4"));
        JsonNode tooMany = ask(first, "p5", Map.of("type", "members", "room", "lobby", "limit", 101, "id", "p5"));

        assertThat(page1.get("type").asText()).isEqualTo("members");
        assertThat(page1.get("count").asInt()).isEqualTo(7);
        assertThat(names(page1)).containsExactly("u1", "u2", "u3");
        assertThat(page1.get("next").asText()).isEqualTo("u3");
        assertThat(names(page2)).containsExactly("u4", "u5", "u6");
        assertThat(names(page3)).containsExactly("u7");
        assertThat(page3.has("next")).as("the last page").isFalse();
        assertThat(refused.get("code").asText()).isEqualTo("not_a_member");
        assertThat(tooMany.get("code").asText()).isEqualTo("invalid_field");
    }

    private static WsTestClient join(WsTestClient client, String room) {
        client.send(Map.of("type", "join", "room", room, "id", "join-" + room));
        assertThat(client.awaitAnswer("join-" + room, RunningProduction.WAIT).get("type").asText()).isEqualTo("ack");
        return client;
    }

    private static JsonNode ask(WsTestClient client, String id, Map<String, Object> request) {
        client.send(request);
        return client.awaitAnswer(id, RunningProduction.WAIT);
    }

    /** Takes members_changed messages until one says the room has this many; each period sends at most one. */
    private static JsonNode awaitCount(WsTestClient client, int count) {
        while (true) {
            JsonNode changed = client.awaitMessage("members_changed", RunningProduction.WAIT);
            if (changed.get("count").asInt() == count) {
                return changed;
            }
        }
    }

    private static List<String> types(WsTestClient client) {
        return client.received().stream().map(text -> Json.tree(text).path("type").asText()).toList();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("users").forEach(user -> names.add(user.asText()));
        return names;
    }
}
