package dev.realtimelessons.kit.server;

import java.util.Objects;

/**
 * What a {@link HandshakeGuard} decided about an upgrade request.
 */
public sealed interface HandshakeVerdict {

    /**
     * Lets the upgrade go on to the WebSocket endpoint.
     *
     * @param principal what the guard proved about the client (for example a verified token's claims); the
     *                  endpoint reads it with {@link HandshakeGuard#principalOf}
     * @return the verdict
     */
    static HandshakeVerdict accept(Object principal) {
        return new Accepted(Objects.requireNonNull(principal, "principal"));
    }

    /**
     * Answers the request with an HTTP error and closes the connection; no WebSocket session is created.
     *
     * @param status  the HTTP status, 400 to 599 (401 for missing or bad credentials, 403 for a forbidden Origin)
     * @param error   a code for programs, sent as {@code {"error": ..., "message": ...}}
     * @param message a sentence for people; it must not contain the credentials
     * @return the verdict
     */
    static HandshakeVerdict reject(int status, String error, String message) {
        return new Rejected(status, error, message);
    }

    /**
     * The upgrade goes on.
     *
     * @param principal what the guard proved about the client
     */
    record Accepted(Object principal) implements HandshakeVerdict {
    }

    /**
     * The upgrade is refused with an HTTP answer.
     *
     * @param status  the HTTP status
     * @param error   a code for programs
     * @param message a sentence for people
     */
    record Rejected(int status, String error, String message) implements HandshakeVerdict {
        /** Checks the status. */
        public Rejected {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a rejection needs a 4xx or 5xx status, got " + status);
            }
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
        }
    }
}
