package dev.realtimelessons.lesson02.protocol;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.realtimelessons.kit.json.Json;

/**
 * The server's messages, one method each, as PROTOCOL.md lists them. Every method returns the message as a tree;
 * {@link #text(ObjectNode)} writes it once, however many connections it goes to.
 */
public final class Messages {

    /** The protocol version, sent in {@code connected}. */
    public static final int PROTOCOL_VERSION = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Messages() {
    }

    /** @return a message of this type, to add fields to */
    public static ObjectNode of(String type) {
        return NODES.objectNode().put("type", type);
    }

    /**
     * The first message on every connection.
     *
     * @param connection the connection's id
     * @param user       who the server thinks the client is
     * @return {@code connected}
     */
    public static ObjectNode connected(String connection, String user) {
        return of("connected").put("connection", connection).put("user", user).put("protocol", PROTOCOL_VERSION);
    }

    /** @return an {@code ack}; the dispatcher adds the request's id */
    public static ObjectNode ack() {
        return of("ack");
    }

    /**
     * An error answer.
     *
     * @param error the refusal
     * @param id    the request's id, or null
     * @return {@code error}
     */
    public static ObjectNode error(ProtocolError error, JsonNode id) {
        ObjectNode message = of("error").put("code", error.code().wire()).put("message", error.getMessage());
        if (id != null) {
            message.set("id", id);
        }
        return message;
    }

    /**
     * A personal message.
     *
     * @param from the sender's user
     * @param data the payload
     * @return {@code direct}
     */
    public static ObjectNode direct(String from, JsonNode data) {
        ObjectNode message = of("direct").put("from", from);
        message.set("data", data);
        return message.put("ts", Instant.now().toEpochMilli());
    }

    /**
     * A message from the server itself (REST notify and broadcast).
     *
     * @param data the payload
     * @return {@code notification}
     */
    public static ObjectNode notification(JsonNode data) {
        ObjectNode message = of("notification");
        message.set("data", data);
        return message.put("ts", Instant.now().toEpochMilli());
    }

    /**
     * Connection statistics.
     *
     * @param connections open connections
     * @param users       distinct users
     * @param perUser     connections per user
     * @return {@code stats}
     */
    public static ObjectNode stats(int connections, int users, Map<String, Integer> perUser) {
        ObjectNode message = of("stats").put("connections", connections).put("users", users);
        ObjectNode counts = message.putObject("per_user");
        perUser.forEach(counts::put);
        return message;
    }

    /**
     * Writes a message as JSON text.
     *
     * @param message the message
     * @return the text to send
     */
    public static String text(ObjectNode message) {
        return Json.write(message);
    }
}
