package dev.realtimelessons.lesson07;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads rows of the {@code messages} table into {@link StoredMessage}s, and writes payloads as {@code jsonb}.
 */
public final class Rows {

    /** The columns {@link #message} reads, in a {@code SELECT} or a {@code RETURNING}. */
    public static final String MESSAGE_COLUMNS =
            "room, seq, author, client_msg_id, data, sent_at, version, edited_at, deleted_at";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {
    }

    /**
     * @param row a row with {@link #MESSAGE_COLUMNS}
     * @return the message
     * @throws SQLException if a column cannot be read
     */
    public static StoredMessage message(ResultSet row) throws SQLException {
        return new StoredMessage(row.getString("room"), row.getLong("seq"), row.getString("author"),
                row.getString("client_msg_id"), json(row.getString("data")), instant(row.getTimestamp("sent_at")),
                row.getInt("version"), instant(row.getTimestamp("edited_at")),
                instant(row.getTimestamp("deleted_at")));
    }

    /**
     * @param data a payload
     * @return its JSON text, for a {@code ?::jsonb} parameter
     */
    public static String json(JsonNode data) {
        return data == null ? null : data.toString();
    }

    /**
     * @param instant a time, or null
     * @return it as a {@code timestamptz} parameter
     */
    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static JsonNode json(String text) throws SQLException {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored payload is not JSON", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
