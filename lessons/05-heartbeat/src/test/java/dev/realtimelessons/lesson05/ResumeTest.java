package dev.realtimelessons.lesson05;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step2;
import dev.realtimelessons.lesson04.AuthServerConfig;

@Step2
@DisplayName("Step 2: resuming a room over the wire")
class ResumeTest {

    @RegisterExtension
    final RunningHeartbeatServer server = new RunningHeartbeatServer(AuthServerConfig.forTests(),
            HeartbeatConfig.defaults().withHistorySize(5));

    @Test
    @DisplayName("numbers survive an empty room, and a join with since and epoch replays only what was missed")
    void resume() {
        WsTestClient ada = server.connect("ada");
        JsonNode first = RunningHeartbeatServer.request(ada, Map.of("type", "join", "id", "j", "room", "r"));
        String epoch = first.get("epoch").asText();
        publish(ada, 3);
        ada.close(); // the room is empty now: lesson 03 would forget its numbers

        WsTestClient bob = server.connect("bob");
        RunningHeartbeatServer.request(bob, Map.of("type", "join", "id", "j", "room", "r"));
        publish(bob, 2); // 4 and 5

        WsTestClient back = server.connect("ada");
        back.send(Map.of("type", "join", "id", "again", "room", "r", "since", 3, "epoch", epoch));
        assertThat(back.awaitMessage("message", RunningHeartbeatServer.WAIT).get("seq").asLong()).isEqualTo(4);
        assertThat(back.awaitMessage("message", RunningHeartbeatServer.WAIT).get("seq").asLong()).isEqualTo(5);
        JsonNode ack = back.awaitMessage("ack", RunningHeartbeatServer.WAIT);
        assertThat(ack.get("recovered").asBoolean()).isTrue();
        assertThat(ack.get("seq").asLong()).isEqualTo(5);
        assertThat(ack.get("epoch").asText()).isEqualTo(epoch);
    }

    @Test
    @DisplayName("a gap larger than the history is recovered: false, with what is kept")
    void gapTooLarge() {
        WsTestClient ada = server.connect("ada");
        String epoch = RunningHeartbeatServer.request(ada, Map.of("type", "join", "id", "j", "room", "r"))
                .get("epoch").asText();
        publish(ada, 8); // keeps 4..8

        WsTestClient late = server.connect("bob");
        late.send(Map.of("type", "join", "id", "again", "room", "r", "since", 1, "epoch", epoch));
        JsonNode ack = late.awaitMessage("ack", RunningHeartbeatServer.WAIT);

        assertThat(ack.get("recovered").asBoolean()).isFalse();
        assertThat(late.received().stream().filter(text -> text.contains("\"type\":\"message\"")).count())
                .as("the kept messages, for a reload").isEqualTo(5);
    }

    @Test
    @DisplayName("a bad since is an error, and the client is not left in the room")
    void badSince() {
        WsTestClient ada = server.connect("ada");
        ada.send(Map.of("type", "join", "id", "j", "room", "r", "since", "yesterday"));
        JsonNode error = ada.awaitMessage("error", RunningHeartbeatServer.WAIT);
        assertThat(error.get("code").asText()).isEqualTo("invalid_field");
        assertThat(server.server().auth().rooms().rooms().room("r")).isEmpty();
    }

    private static void publish(WsTestClient client, int count) {
        for (int i = 0; i < count; i++) {
            RunningHeartbeatServer.request(client, Map.of("type", "publish", "id", "p" + i, "room", "r",
                    "data", "m" + i));
        }
    }
}
