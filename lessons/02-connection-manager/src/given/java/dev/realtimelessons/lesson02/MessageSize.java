package dev.realtimelessons.lesson02;

import java.nio.charset.StandardCharsets;

import jakarta.websocket.CloseReason;

/**
 * The size limit on client messages. Tyrus enforces {@code setMaxTextMessageBufferSize} only on messages that
 * arrive in several frames (measured with Tyrus 2.2.2), so a single large frame is checked here.
 */
final class MessageSize {

    /** RFC 6455's "message too big". */
    static final int TOO_BIG = CloseReason.CloseCodes.TOO_BIG.getCode();

    private MessageSize() {
    }

    /** Whether a message's UTF-8 form is over the limit, without encoding it when it cannot be. */
    static boolean tooLarge(String text, int maxBytes) {
        if (text.length() <= maxBytes / 3) {
            return false; // at most 3 bytes per UTF-16 unit: surely within the limit
        }
        return text.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }
}
