package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.RawWebSocket;
import dev.realtimelessons.kit.testing.WsTestClient;

/** The whole lesson at once: it passes when steps 1 to 3 are done. */
@DisplayName("A slow consumer")
class SlowConsumerTest {

    private static final int MESSAGES = 400;
    private static final int ROUND = 16;

    @RegisterExtension
    final RunningChatServer server = new RunningChatServer(ChatServerConfig.forTests().withOutboxCapacity(32));

    @Test
    @DisplayName("a client that stops reading is cut off, and the others receive everything")
    void isCutOffWhileOthersKeepReceiving() throws Exception {
        WsTestClient ada = server.connect("ada");
        try (RawWebSocket stalled = RawWebSocket.open(server.uri("ws", "/ws?user=stalled"), "c3RhbGxlZC1jbGllbnQ=")) {
            // It completed the handshake and will never read again: its socket buffers fill up, then its outbox.
            server.awaitConnections(2);

            // Rounds smaller than the outbox, each sent once ada has read the last: ada keeps up, stalled cannot.
            String padding = "x".repeat(64 * 1024);
            for (int i = 0; i < MESSAGES; i++) {
                server.app().connections().broadcast(Json.write(Map.of("type", "load", "i", i, "padding", padding)),
                        null, null);
                if (i % ROUND == ROUND - 1) {
                    int sent = i + 1;
                    await().atMost(RunningChatServer.WAIT).untilAsserted(() -> assertThat(ada.received())
                            .filteredOn(text -> text.contains("\"load\"")).hasSize(sent));
                }
            }

            server.awaitConnections(1);
            assertThat(server.app().connections().stats().perUser()).containsOnlyKeys("ada");
            await().atMost(RunningChatServer.WAIT).untilAsserted(() -> assertThat(ada.received())
                    .filteredOn(text -> text.contains("\"load\"")).hasSize(MESSAGES));
            assertThat(ada.closeStatus()).as("the fast client is still connected").isEmpty();
        }
    }
}
