package dev.realtimelessons.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.RawWebSocket;
import dev.realtimelessons.kit.testing.steps.Step4;

@Step4
@DisplayName("Step 4: Sec-WebSocket-Accept")
class HandshakeAcceptTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    @DisplayName("RFC 6455's example key gives its example answer")
    void matchesTheRfcExample() {
        assertThat(HandshakeAccept.forKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @RepeatedTest(3)
    @DisplayName("it is what Tyrus answers to a real handshake with a random key")
    void matchesTyrus() throws Exception {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);

        try (FeedServer server = FeedServer.start(FeedServerConfig.forTests());
             RawWebSocket socket = RawWebSocket.open(server.uri("ws", "/ws"), key)) {
            assertThat(socket.statusLine()).startsWith("HTTP/1.1 101");
            assertThat(socket.header("Sec-WebSocket-Accept")).isEqualTo(HandshakeAccept.forKey(key));
        }
    }
}
