package dev.realtimelessons.lesson01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.RawWebSocket;
import dev.realtimelessons.kit.testing.steps.Step5;

@Step5
@DisplayName("Step 5: decoding a frame header")
class FrameHeaderTest {

    @ParameterizedTest(name = "{0}: {1}")
    @DisplayName("decodes the headers of RFC 6455's examples and of every length encoding")
    @CsvSource(delimiter = '|', textBlock = """
            unmasked text 'Hello' (RFC 5.7)        | 810548656c6c6f             | true  | 1  | false | 5     | 00000000 | 2
            masked text 'Hello' (RFC 5.7)          | 818537fa213d7f9f4d5158     | true  | 1  | true  | 5     | 37fa213d | 6
            first fragment of 'Hel'                | 010348656c                 | false | 1  | false | 3     | 00000000 | 2
            last fragment, a continuation          | 80026c6f                   | true  | 0  | false | 2     | 00000000 | 2
            unmasked ping (RFC 5.7)                | 890548656c6c6f             | true  | 9  | false | 5     | 00000000 | 2
            largest 7-bit length                   | 827d                       | true  | 2  | false | 125   | 00000000 | 2
            256 bytes binary, 16-bit length        | 827e0100                   | true  | 2  | false | 256   | 00000000 | 4
            largest 16-bit length, masked          | 82feffff0a0b0c0d           | true  | 2  | true  | 65535 | 0a0b0c0d | 8
            64 KiB binary, 64-bit length (RFC 5.7) | 827f0000000000010000       | true  | 2  | false | 65536 | 00000000 | 10
            close frame, masked                    | 8882a1b2c3d4               | true  | 8  | true  | 2     | a1b2c3d4 | 6
            """)
    void decodesHeaders(String description, String hex, boolean fin, int opcode, boolean masked, long length,
                        String maskingKey, int headerLength) {
        FrameHeader header = FrameHeader.decode(HexFormat.of().parseHex(hex));

        assertThat(header).isEqualTo(new FrameHeader(fin, opcode, masked, length,
                (int) Long.parseLong(maskingKey, 16), headerLength));
    }

    @Test
    @DisplayName("decodes a 64-bit length above 4 GiB")
    void decodesHugeLengths() {
        FrameHeader header = FrameHeader.decode(HexFormat.of().parseHex("827f0000000100000000"));

        assertThat(header.payloadLength()).isEqualTo(4_294_967_296L);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("refuses bytes shorter than the header they start, saying how many it needs")
    @CsvSource(delimiter = '|', textBlock = """
            one byte                              | 81               | 2
            16-bit length cut short               | 827e01           | 4
            64-bit length cut short               | 827f000000       | 10
            masked, key missing                   | 8185             | 6
            """)
    void refusesShortInput(String description, String hex, int needed) {
        assertThatThrownBy(() -> FrameHeader.decode(HexFormat.of().parseHex(hex)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need " + needed);
    }

    @Test
    @DisplayName("refuses a 64-bit length with its most significant bit set")
    void refusesNegativeLength() {
        assertThatThrownBy(() -> FrameHeader.decode(HexFormat.of().parseHex("827f8000000000000000")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("decodes a real frame that Tyrus sends, and finds the event's JSON right after the header")
    void decodesARealFrame() throws Exception {
        try (FeedServer server = FeedServer.start(FeedServerConfig.forTests());
             RawWebSocket socket = RawWebSocket.open(server.uri("ws", "/ws"), "dGhlIHNhbXBsZSBub25jZQ==")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.feed().subscriberCount() == 1);
            server.feed().publish();

            InputStream in = socket.in();
            FrameHeader header = FrameHeader.decode(in.readNBytes(2)); // an event is short: a 2-byte header

            assertThat(header.fin()).isTrue();
            assertThat(header.opcode()).isEqualTo(FrameHeader.TEXT);
            assertThat(header.masked()).as("a server never masks").isFalse();
            assertThat(header.headerLength()).isEqualTo(2);
            byte[] payload = in.readNBytes((int) header.payloadLength());
            assertThat(Json.tree(new String(payload, StandardCharsets.UTF_8)).get("id").asInt())
                    .isEqualTo(1);
        }
    }
}
