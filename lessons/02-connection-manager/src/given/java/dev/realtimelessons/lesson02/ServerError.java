package dev.realtimelessons.lesson02;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * What a connection gets when the server itself fails (a bug, or a step not done yet): close 1011 with the
 * failure as the reason, at once, rather than a connection left waiting for an answer that will never come.
 */
final class ServerError {

    /** RFC 6455's "internal error". */
    static final int CODE = CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode();

    private static final System.Logger LOG = System.getLogger(ServerError.class.getName());
    private static final int MAX_REASON_BYTES = 123;

    private ServerError() {
    }

    /** The failure as a close reason: its message, cut to the 123 bytes a close frame allows. */
    static String reason(RuntimeException failure) {
        LOG.log(System.Logger.Level.WARNING, "closing a connection after a server error", failure);
        String reason = String.valueOf(failure.getMessage());
        while (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return reason;
    }

    static void close(Session session, RuntimeException failure) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, reason(failure)));
        } catch (IOException alreadyClosed) {
            LOG.log(System.Logger.Level.DEBUG, "close failed: {0}", alreadyClosed.toString());
        }
    }
}
