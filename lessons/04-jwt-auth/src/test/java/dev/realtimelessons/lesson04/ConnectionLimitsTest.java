package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.server.ConnectionLimits;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson02.ChatServerConfig;
import dev.realtimelessons.lesson03.RoomsConfig;

@DisplayName("Connection limits with authentication")
class ConnectionLimitsTest {

    @RegisterExtension
    final RunningAuthServer server = new RunningAuthServer(AuthServerConfig.forTests().withRooms(RoomsConfig.forTests()
            .withChat(ChatServerConfig.forTests().withConnectionLimits(ConnectionLimits.defaults().withMaxPerUser(1)))));

    @Test
    @DisplayName("the limit per user counts the token's user, whatever ?user= says, and refuses before the session")
    void perTokenUser() {
        server.connect("ada");
        String ada = server.token("ada", Set.of(), Set.of());

        RunningAuthServer.Refusal refusal = server.attempt("/ws?user=bob", Map.of("Authorization", "Bearer " + ada));

        assertThat(refusal.status()).isEqualTo(429);
        assertThat(refusal.error()).isEqualTo("too_many_connections_per_user");
        assertThat(refusal.body().path("message").asText()).contains("ada");
        WsTestClient bob = server.connect("bob");
        assertThat(bob.closeStatus()).isEmpty();
        // onConnect listeners may still be running when "connected" arrives
        await("bob's onOpen").atMost(RunningAuthServer.WAIT)
                .untilAsserted(() -> assertThat(server.opened).containsExactly("ada", "bob"));
    }

    @Test
    @DisplayName("a bad credential is refused with its 401 before the limit per user is looked at")
    void credentialsFirst() {
        server.connect("ada");
        RunningAuthServer.Refusal refusal = server.attempt("/ws", Map.of("Authorization", "Bearer nonsense"));
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.error()).isEqualTo("malformed_token");
    }
}
