package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.WsTestClient;

/** The whole lesson at once: it passes when steps 1 to 4 are done. */
@DisplayName("Chatting in rooms")
class RoomMessagesTest {

    private static final int HISTORY = 5;

    @RegisterExtension
    final RunningRoomsServer server = new RunningRoomsServer(RoomsConfig.forTests().withHistorySize(HISTORY));

    @Test
    @DisplayName("a message reaches every member once, numbered from 1 in its room, the sender included")
    void numbersAndDeliversMessages() {
        WsTestClient ada = server.connect("ada");
        WsTestClient bob = server.connect("bob");
        WsTestClient outsider = server.connect("carol");
        RunningRoomsServer.join(ada, "lobby");
        RunningRoomsServer.join(bob, "lobby");

        JsonNode ack1 = RunningRoomsServer.request(ada, Map.of("type", "publish", "id", 1, "room", "lobby", "data", "one"));
        JsonNode ack2 = RunningRoomsServer.request(bob, Map.of("type", "publish", "id", 2, "room", "lobby", "data", "two"));

        assertThat(ack1.get("seq").asLong()).isEqualTo(1);
        assertThat(ack2.get("seq").asLong()).isEqualTo(2);
        for (WsTestClient member : List.of(ada, bob)) {
            JsonNode first = member.awaitMessage("message", RunningRoomsServer.WAIT);
            JsonNode second = member.awaitMessage("message", RunningRoomsServer.WAIT);
            assertThat(List.of(first.get("seq").asLong(), second.get("seq").asLong())).containsExactly(1L, 2L);
            assertThat(first.get("from").asText()).isEqualTo("ada");
            assertThat(first.get("data").asText()).isEqualTo("one");
            assertThat(first.get("room").asText()).isEqualTo("lobby");
        }
        outsider.send(Map.of("type", "ping", "id", "sync"));
        outsider.awaitMessage("pong", RunningRoomsServer.WAIT);
        assertThat(outsider.received()).noneMatch(text -> text.contains("\"message\""));
    }

    @Test
    @DisplayName("exclude_self leaves the sender's connection out, and each room counts on its own")
    void excludesTheSenderAndCountsPerRoom() {
        WsTestClient ada = server.connect("ada");
        WsTestClient bob = server.connect("bob");
        for (WsTestClient client : List.of(ada, bob)) {
            RunningRoomsServer.join(client, "a");
            RunningRoomsServer.join(client, "b");
        }

        RunningRoomsServer.request(ada, Map.of("type", "publish", "room", "a", "data", "x", "exclude_self", true, "id", 1));
        JsonNode inB = RunningRoomsServer.request(ada, Map.of("type", "publish", "room", "b", "data", "y", "id", 2));

        assertThat(inB.get("seq").asLong()).as("room b's first message").isEqualTo(1);
        assertThat(bob.awaitMessage("message", RunningRoomsServer.WAIT).get("room").asText()).isEqualTo("a");
        assertThat(bob.awaitMessage("message", RunningRoomsServer.WAIT).get("room").asText()).isEqualTo("b");
        assertThat(ada.awaitMessage("message", RunningRoomsServer.WAIT).get("room").asText())
                .as("ada gets only her message to b").isEqualTo("b");
    }

    @Test
    @DisplayName("a member who joins gets the last messages of the room, marked as history, and no more than kept")
    void deliversBoundedHistoryOnJoin() {
        WsTestClient ada = server.connect("ada");
        RunningRoomsServer.join(ada, "lobby");
        for (int i = 1; i <= 8; i++) {
            RunningRoomsServer.request(ada, Map.of("type", "publish", "id", i, "room", "lobby", "data", "m" + i));
        }
        WsTestClient late = server.connect("late");

        JsonNode ack = RunningRoomsServer.join(late, "lobby");

        assertThat(ack.get("seq").asLong()).isEqualTo(8);
        List<JsonNode> history = late.received().stream().map(Json::tree)
                .filter(m -> "message".equals(m.get("type").asText())).toList();
        assertThat(history).extracting(m -> m.get("seq").asLong()).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(history).allSatisfy(m -> assertThat(m.get("history").asBoolean()).isTrue());
    }

    @Test
    @DisplayName("a message's data arrives untouched, live and from the history: its numbers keep their digits")
    void dataNumbersArriveExactly() {
        String data = "{\"tiny\":0.1000000000000000000001,\"exp\":1E+2,\"zeros\":1.50,"
                + "\"big\":123456789012345678901234567890}";
        WsTestClient ada = server.connect("ada");
        RunningRoomsServer.join(ada, "lobby");

        ada.send("{\"type\":\"publish\",\"id\":1,\"room\":\"lobby\",\"data\":" + data + "}");
        ada.awaitMessage("message", RunningRoomsServer.WAIT);
        WsTestClient late = server.connect("late");
        RunningRoomsServer.join(late, "lobby");

        for (WsTestClient member : List.of(ada, late)) {
            assertThat(member.received()).filteredOn(text -> text.contains("\"type\":\"message\""))
                    .singleElement(InstanceOfAssertFactories.STRING).contains("\"data\":" + data + ",");
        }
    }
}
