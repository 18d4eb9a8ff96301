package dev.realtimelessons.lesson02.protocol;

import java.util.Locale;

/**
 * Every error code of the protocol (see PROTOCOL.md). On the wire a code is the lower-case name, for example
 * {@code malformed_json}.
 */
public enum ErrorCode {
    /** The frame is not JSON, or not a JSON object. */
    MALFORMED_JSON,
    /** The {@code type} is not one the server knows. */
    UNKNOWN_TYPE,
    /** A field is missing or has the wrong type or value; the message names it. */
    INVALID_FIELD,
    /** A frame or body is larger than the server accepts (a WebSocket frame: close 1009). */
    MESSAGE_TOO_LARGE,
    /** A room name does not match the rules. */
    INVALID_ROOM,
    /** The connection is not in the room it sends to. */
    NOT_A_MEMBER,
    /** Too many messages: wait before sending again (sustained flooding: close 1008). */
    RATE_LIMITED,
    /** A REST resource that does not exist, for example an unknown connection id; lesson 07: an unknown message. */
    NOT_FOUND,
    /** Lesson 04: the client's identity does not allow this, for example joining a {@code private:} room. */
    NOT_AUTHORIZED,
    /** Lesson 04: a token sent over the connection ({@code refresh}) is not valid; the connection stays open. */
    INVALID_TOKEN,
    /**
     * Lesson 06: the cluster's broker (Redis) cannot be reached; lesson 07: nor the database. The request did nothing
     * and may be retried.
     */
    UNAVAILABLE,
    /** Lesson 07: the message was deleted, so it can no longer be edited. */
    MESSAGE_DELETED,
    /** Lesson 07: the message changed since the version the client edited; the message says the current one. */
    VERSION_CONFLICT;

    /**
     * The code as it appears on the wire.
     *
     * @return for example {@code malformed_json}
     */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
