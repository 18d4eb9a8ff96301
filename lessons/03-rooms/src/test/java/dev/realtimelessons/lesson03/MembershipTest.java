package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step4;
import dev.realtimelessons.lesson02.ChatServerConfig;

@Step4
@DisplayName("Step 4: joining and leaving rooms")
class MembershipTest {

    @RegisterExtension
    final RunningRoomsServer server = new RunningRoomsServer( // the churn pipelines 1,000 requests per client:
            RoomsConfig.forTests()                                // more than flood control allows, and up to
                    .withChat(ChatServerConfig.forTests().withOutboxCapacity(10_000)) // 2,000 answers queued
                    .withFloodControl(100_000, 100_000, Integer.MAX_VALUE));

    @Test
    @DisplayName("a join is acked, answered with the members, and announced to the others")
    void joinAnnouncesPresence() {
        WsTestClient ada = server.connect("ada");
        WsTestClient bob = server.connect("bob");
        RunningRoomsServer.join(ada, "lobby");

        JsonNode ack = RunningRoomsServer.join(bob, "lobby");

        assertThat(ack.get("room").asText()).isEqualTo("lobby");
        JsonNode members = bob.awaitMessage("members", RunningRoomsServer.WAIT);
        assertThat(members.get("users")).extracting(JsonNode::asText).containsExactly("ada", "bob");
        JsonNode joined = ada.awaitMessage("joined", RunningRoomsServer.WAIT);
        assertThat(joined.get("user").asText()).isEqualTo("bob");
        assertThat(joined.get("room").asText()).isEqualTo("lobby");
    }

    @Test
    @DisplayName("a second tab of a present user is not announced, and the user leaves with the last tab")
    void presenceCountsUsersNotTabs() {
        WsTestClient watcher = server.connect("watcher");
        RunningRoomsServer.join(watcher, "lobby");
        WsTestClient adaTab1 = server.connect("ada");
        WsTestClient adaTab2 = server.connect("ada");

        RunningRoomsServer.join(adaTab1, "lobby");
        RunningRoomsServer.join(adaTab2, "lobby");
        RunningRoomsServer.request(adaTab1, Map.of("type", "leave", "id", "l1", "room", "lobby"));
        adaTab2.close();

        assertThat(watcher.awaitMessage("joined", RunningRoomsServer.WAIT).get("user").asText()).isEqualTo("ada");
        assertThat(watcher.awaitMessage("left", RunningRoomsServer.WAIT).get("user").asText()).isEqualTo("ada");
        watcher.send(Map.of("type", "ping", "id", "sync"));
        watcher.awaitMessage("pong", RunningRoomsServer.WAIT);
        assertThat(watcher.received()).filteredOn(text -> text.contains("\"joined\"")).hasSize(1);
        assertThat(watcher.received()).filteredOn(text -> text.contains("\"left\"")).hasSize(1);
    }

    @Test
    @DisplayName("a connection may be in many rooms, and leaves them all when it closes")
    void leavesEveryRoomOnDisconnect() {
        WsTestClient ada = server.connect("ada");
        for (String room : List.of("a", "b", "c")) {
            RunningRoomsServer.join(ada, room);
        }
        assertThat(server.server().rooms().roomCount()).isEqualTo(3);

        ada.abort();

        await().atMost(RunningRoomsServer.WAIT).untilAsserted(() -> {
            assertThat(server.server().rooms().roomCount()).as("rooms left").isZero();
            assertThat(server.server().rooms().connectionsInRooms()).isZero();
        });
    }

    @Test
    @DisplayName("thousands of join and leave cycles leave no room and no member behind")
    void churnLeavesNothing() {
        List<WsTestClient> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(server.connect("churn" + c));
        }
        int cycles = 250; // 8 clients x 250 cycles x 2 rooms = 4,000 joins and 4,000 leaves
        for (WsTestClient client : clients) {
            for (int i = 0; i < cycles; i++) {
                String room = "room-" + (i % 5);
                client.send(Map.of("type", "join", "room", room));
                client.send(Map.of("type", "join", "room", "shared"));
                client.send(Map.of("type", "leave", "room", room));
                client.send(Map.of("type", "leave", "room", "shared"));
            }
            client.send(Map.of("type", "ping", "id", "done"));
        }
        for (WsTestClient client : clients) {
            client.awaitMessage("pong", RunningRoomsServer.WAIT);
            assertThat(client.received()).noneMatch(text -> text.contains("\"error\""));
        }

        assertThat(server.server().rooms().roomCount()).as("rooms left").isZero();
        assertThat(server.server().rooms().connectionsInRooms()).as("connections still in a room").isZero();
    }
}
