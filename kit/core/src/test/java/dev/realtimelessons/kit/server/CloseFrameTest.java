package dev.realtimelessons.kit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The frame guard's close frame")
class CloseFrameTest {

    @Test
    @DisplayName("is FIN and opcode 8, unmasked, with its length, the code and the reason (RFC 6455, 5.5.1)")
    void format() {
        byte[] frame = FrameGuard.closeFrame(1009, "too large");

        assertThat(frame).startsWith(0x88, 2 + 9, 0x03, 0xF1);
        assertThat(new String(frame, 4, frame.length - 4, StandardCharsets.UTF_8)).isEqualTo("too large");
    }

    @Test
    @DisplayName("cuts a long reason to 123 bytes without cutting a character in two")
    void longReason() {
        String reason = "é".repeat(100); // 200 bytes: byte 123 is the second byte of the 62nd é
        byte[] frame = FrameGuard.closeFrame(1002, reason);

        assertThat(frame[1]).as("2 bytes of code and 122 of reason").isEqualTo((byte) (2 + 122));
        assertThat(new String(Arrays.copyOfRange(frame, 4, frame.length), StandardCharsets.UTF_8))
                .isEqualTo("é".repeat(61));
    }
}
