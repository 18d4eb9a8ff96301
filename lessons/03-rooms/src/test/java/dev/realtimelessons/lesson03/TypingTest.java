package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.WsTestClient;

/** The given typing indicator (it needs steps 1 to 4). */
@DisplayName("Typing indicators")
class TypingTest {

    @RegisterExtension
    final RunningRoomsServer server = new RunningRoomsServer(
            RoomsConfig.forTests().withTypingExpiry(Duration.ofMillis(300)));

    @Test
    @DisplayName("are relayed to the other members, end by themselves, and are never kept as history")
    void relayExpireAndVanish() {
        WsTestClient ada = server.connect("ada");
        WsTestClient bob = server.connect("bob");
        RunningRoomsServer.join(ada, "lobby");
        RunningRoomsServer.join(bob, "lobby");

        ada.send(Map.of("type", "typing", "room", "lobby"));

        JsonNode typing = bob.awaitMessage("typing", RunningRoomsServer.WAIT);
        assertThat(typing.get("user").asText()).isEqualTo("ada");
        assertThat(typing.get("active").asBoolean()).isTrue();
        JsonNode stopped = bob.awaitMessage("typing", RunningRoomsServer.WAIT);
        assertThat(stopped.get("active").asBoolean()).as("after the expiry, with no refresh").isFalse();
        assertThat(ada.received()).as("the typist is not told about herself")
                .noneMatch(text -> text.contains("\"typing\"") && text.contains("\"active\":true"));

        WsTestClient late = server.connect("late");
        RunningRoomsServer.join(late, "lobby");
        assertThat(late.received()).noneMatch(text -> text.contains("\"typing\""));
    }

    @Test
    @DisplayName("the typist's other connections (her other tabs) are not told about her own typing")
    void notToTheTypistsOtherTabs() {
        WsTestClient adaTyping = server.connect("ada");
        WsTestClient adaOtherTab = server.connect("ada");
        WsTestClient bob = server.connect("bob");
        for (WsTestClient client : new WsTestClient[] {adaTyping, adaOtherTab, bob}) {
            RunningRoomsServer.join(client, "lobby");
        }

        adaTyping.send(Map.of("type", "typing", "room", "lobby"));

        assertThat(bob.awaitMessage("typing", RunningRoomsServer.WAIT).get("active").asBoolean()).isTrue();
        assertThat(bob.awaitMessage("typing", RunningRoomsServer.WAIT).get("active").asBoolean()).isFalse();
        RunningRoomsServer.request(adaTyping, Map.of("type", "publish", "id", "after", "room", "lobby", "data", "x"));
        adaOtherTab.awaitMessage("message", RunningRoomsServer.WAIT); // queued after both typing relays
        assertThat(adaOtherTab.received()).as("ada's other tab").noneMatch(text -> text.contains("\"typing\""));
    }

    @Test
    @DisplayName("a refresh while active is not relayed again")
    void refreshIsQuiet() {
        RoomsConfig slow = RoomsConfig.forTests().withTypingExpiry(Duration.ofSeconds(30));
        try (RoomsServer quiet = RoomsServer.start(slow);
             WsTestClient ada = WsTestClient.connect(quiet.uri("ws", "/ws?user=ada"));
             WsTestClient bob = WsTestClient.connect(quiet.uri("ws", "/ws?user=bob"))) {
            RunningRoomsServer.join(ada, "lobby");
            RunningRoomsServer.join(bob, "lobby");

            ada.send(Map.of("type", "typing", "room", "lobby"));
            ada.send(Map.of("type", "typing", "room", "lobby"));
            ada.send(Map.of("type", "publish", "id", "after", "room", "lobby", "data", "done"));
            bob.awaitMessage("message", RunningRoomsServer.WAIT); // everything ada sent before has been relayed

            assertThat(bob.received()).filteredOn(text -> text.contains("\"typing\"")).hasSize(1);
        }
    }
}
