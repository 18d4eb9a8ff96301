package dev.realtimelessons.lesson02.protocol;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.json.Json;

/**
 * Lesson 02's server messages, one record each, as PROTOCOL.md lists them. {@link #text(ServerMessage)} writes a
 * message once, however many connections it goes to.
 */
public final class Messages {

    /** The protocol version, sent in {@code connected}. */
    public static final int PROTOCOL_VERSION = 1;

    private Messages() {
    }

    /**
     * The first message on every connection.
     *
     * @param connection the connection's id
     * @param user       who the server thinks the client is
     * @param protocol   the protocol version
     */
    @JsonTypeName("connected")
    public record Connected(String connection, String user, int protocol) implements ServerMessage {
        /**
         * @param connection the connection's id
         * @param user       who the server thinks the client is
         */
        public Connected(String connection, String user) {
            this(connection, user, PROTOCOL_VERSION);
        }
    }

    /** The answer to {@code ping}. */
    @JsonTypeName("pong")
    public record Pong() implements ServerMessage {
    }

    /** A plain {@code ack}: the request was done, and has nothing to say. */
    @JsonTypeName("ack")
    public record Ack() implements ServerMessage {
    }

    /**
     * The {@code ack} of a {@code direct}.
     *
     * @param delivered how many of the user's connections it was queued for
     */
    @JsonTypeName("ack")
    public record Delivered(int delivered) implements ServerMessage {
    }

    /**
     * An error answer.
     *
     * @param code    the error code, as on the wire
     * @param message a sentence saying what was wrong
     */
    @JsonTypeName("error")
    public record ErrorMessage(String code, String message) implements ServerMessage {
        /** @param error the refusal */
        public ErrorMessage(ProtocolError error) {
            this(error.code().wire(), error.getMessage());
        }
    }

    /**
     * A personal message.
     *
     * @param from the sender's user
     * @param data the payload, passed on untouched
     * @param ts   when the server got it, in milliseconds since the epoch
     */
    @JsonTypeName("direct")
    public record Direct(String from, JsonNode data, long ts) implements ServerMessage {
        /**
         * @param from the sender's user
         * @param data the payload
         * @return the message, stamped now
         */
        public static Direct now(String from, JsonNode data) {
            return new Direct(from, data, Instant.now().toEpochMilli());
        }
    }

    /**
     * A message from the server itself (REST notify and broadcast).
     *
     * @param data the payload, passed on untouched
     * @param ts   when the server got it, in milliseconds since the epoch
     */
    @JsonTypeName("notification")
    public record Notification(JsonNode data, long ts) implements ServerMessage {
        /**
         * @param data the payload
         * @return the message, stamped now
         */
        public static Notification now(JsonNode data) {
            return new Notification(data, Instant.now().toEpochMilli());
        }
    }

    /**
     * Connection statistics.
     *
     * @param connections open connections
     * @param users       distinct users
     * @param perUser     connections per user
     */
    @JsonTypeName("stats")
    public record Stats(int connections, int users, Map<String, Integer> perUser) implements ServerMessage {
    }

    /**
     * Writes a message as JSON text.
     *
     * @param message the message
     * @return the text to send
     */
    public static String text(ServerMessage message) {
        return Json.write(message);
    }

    /**
     * Writes an answer as JSON text, carrying its request's id last.
     *
     * @param answer the answer
     * @param id     the request's id, or null
     * @return the text to send
     */
    public static String text(ServerMessage answer, JsonNode id) {
        return Json.write(answer, ServerMessage.ID, id);
    }
}
