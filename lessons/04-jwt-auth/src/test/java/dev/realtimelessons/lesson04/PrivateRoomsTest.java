package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step4;

@Step4
@DisplayName("Step 4: private rooms")
class PrivateRoomsTest {

    @RegisterExtension
    final RunningAuthServer server = new RunningAuthServer(AuthServerConfig.forTests());

    private static Authenticated who(Set<String> roles, Set<String> rooms) {
        return new Authenticated("ada", roles, rooms, null, Authenticated.Via.BEARER_HEADER);
    }

    @Test
    @DisplayName("open rooms are open to anyone who connected, even with authentication off")
    void openRooms() {
        assertThat(RoomPolicy.mayJoin(who(Set.of(), Set.of()), "lobby")).isTrue();
        assertThat(RoomPolicy.mayJoin(null, "lobby")).isTrue();
    }

    @Test
    @DisplayName("a private room needs its name in the rooms claim, or the admin role")
    void privateRooms() {
        assertThat(RoomPolicy.mayJoin(who(Set.of(), Set.of("team")), "private:team")).isTrue();
        assertThat(RoomPolicy.mayJoin(who(Set.of(), Set.of("other")), "private:team")).isFalse();
        assertThat(RoomPolicy.mayJoin(who(Set.of("admin"), Set.of()), "private:team")).isTrue();
        assertThat(RoomPolicy.mayJoin(who(Set.of(), Set.of("private:team")), "private:team"))
                .as("the claim names the room without its prefix").isFalse();
        assertThat(RoomPolicy.mayJoin(null, "private:team")).as("nothing verified, nothing private").isFalse();
    }

    @Test
    @DisplayName("joining a private room without the claim is an error, and the client is not in it")
    void refusedOverTheWire() {
        WsTestClient member = server.connect("ada", Set.of(), Set.of("team"));
        assertThat(RunningAuthServer.join(member, "private:team").get("room").asText()).isEqualTo("private:team");
        WsTestClient outsider = server.connect("eve");

        outsider.send(Map.of("type", "join", "id", "j", "room", "private:team"));
        JsonNode error = outsider.awaitMessage("error", RunningAuthServer.WAIT);

        assertThat(error.get("code").asText()).isEqualTo("not_authorized");
        assertThat(error.get("id").asText()).isEqualTo("j");
        member.send(Map.of("type", "publish", "id", "p", "room", "private:team", "data", "secret"));
        member.awaitMessage("ack", RunningAuthServer.WAIT);
        assertThat(server.server().rooms().rooms().room("private:team").orElseThrow().users())
                .containsExactly("ada");
        assertThat(outsider.received()).noneMatch(text -> text.contains("secret"));
    }

    @Test
    @DisplayName("an admin may join any private room")
    void admin() {
        WsTestClient admin = server.connect("root", Set.of("admin"), Set.of());
        assertThat(RunningAuthServer.join(admin, "private:ops").get("type").asText()).isEqualTo("ack");
    }
}
