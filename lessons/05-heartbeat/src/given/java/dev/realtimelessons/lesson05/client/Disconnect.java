package dev.realtimelessons.lesson05.client;

import java.util.Objects;

/**
 * Why a connection of a {@link RealtimeClient} ended, or why an attempt to open one failed: what the
 * {@link ReconnectPolicy} decides on.
 *
 * @param kind   how it ended
 * @param code   the WebSocket close code for {@link Kind#CLOSED}, the HTTP status for {@link Kind#REFUSED}, and -1
 *               for {@link Kind#FAILED}
 * @param reason what happened, for a person (never a token or a message's contents)
 */
record Disconnect(Kind kind, int code, String reason) {

    /** How a connection ended. */
    enum Kind {

        /** The server closed an open connection with a close frame and a code (RFC 6455 §7.4, PROTOCOL.md). */
        CLOSED,

        /** The server answered the upgrade request with an HTTP status other than 101: no connection opened. */
        REFUSED,

        /**
         * No answer that says anything: the server could not be reached, the network failed, the connection broke
         * without a close frame, or no {@code connected} message came in time.
         */
        FAILED
    }

    /** Checks the arguments. */
    Disconnect {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * The server closed the connection.
     *
     * @param closeCode the close frame's code, for example 1001 or 4002
     * @param reason    what happened, for a person
     * @return the disconnect
     */
    static Disconnect closed(int closeCode, String reason) {
        return new Disconnect(Kind.CLOSED, closeCode, reason);
    }

    /**
     * The server refused the handshake.
     *
     * @param httpStatus the status of its answer, for example 401 or 503
     * @param reason     what happened, for a person
     * @return the disconnect
     */
    static Disconnect refused(int httpStatus, String reason) {
        return new Disconnect(Kind.REFUSED, httpStatus, reason);
    }

    /**
     * The connection failed, or could not be opened, without a code.
     *
     * @param reason what happened, for a person
     * @return the disconnect
     */
    static Disconnect failed(String reason) {
        return new Disconnect(Kind.FAILED, -1, reason);
    }
}
