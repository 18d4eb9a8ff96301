package dev.realtimelessons.lesson07;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The statements around {@link MessageStore}'s that the lesson gives: locking a room's row, inserting a message,
 * reading one, and saying why a change was refused.
 */
public final class MessageSql {

    private MessageSql() {
    }

    /**
     * Locks the room's row for the rest of the transaction, creating it (with a new epoch) if the room has none.
     * Every other transaction that locks the same room waits here until this one commits or rolls back.
     *
     * @param connection a connection in a transaction
     * @param room       the room
     * @return the room's latest {@code seq}
     * @throws SQLException if the database refuses
     */
    public static long lockRoom(Connection connection, String room) throws SQLException {
        RoomRows.create(connection, room);
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT last_seq FROM rooms WHERE name = ? FOR UPDATE")) {
            lock.setString(1, room);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Inserts a message.
     *
     * @param connection  a connection
     * @param room        the room
     * @param seq         its number
     * @param author      the sender
     * @param clientMsgId the sender's id for it, or null
     * @param data        the payload
     * @param sentAt      when it is stored
     * @return the stored message
     * @throws SQLException if the database refuses, for example a {@code seq} the room has already
     */
    public static StoredMessage insert(Connection connection, String room, long seq, String author,
                                       String clientMsgId, JsonNode data, Instant sentAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages"
                + " (room, seq, author, client_msg_id, data, sent_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)"
                + " RETURNING " + Rows.MESSAGE_COLUMNS)) {
            insert.setString(1, room);
            insert.setLong(2, seq);
            insert.setString(3, author);
            insert.setString(4, clientMsgId);
            insert.setString(5, Rows.json(data));
            insert.setTimestamp(6, Rows.timestamp(sentAt));
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return Rows.message(row);
            }
        }
    }

    /**
     * Moves the room's latest {@code seq}.
     *
     * @param connection a connection in the transaction that locked the room
     * @param room       the room
     * @param lastSeq    its latest {@code seq} from now on
     * @throws SQLException if the database refuses
     */
    public static void setLastSeq(Connection connection, String room, long lastSeq) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE rooms SET last_seq = ? WHERE name = ?")) {
            update.setLong(1, lastSeq);
            update.setString(2, room);
            update.executeUpdate();
        }
    }

    /**
     * Reads one message.
     *
     * @param connection a connection
     * @param room       the room
     * @param seq        the message
     * @return the message, or null if the room has no such message
     * @throws SQLException if the database refuses
     */
    public static StoredMessage find(Connection connection, String room, long seq) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE room = ? AND seq = ?")) {
            select.setString(1, room);
            select.setLong(2, seq);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Rows.message(row) : null;
            }
        }
    }

    /**
     * Why an edit or a delete changed no row: read once the change failed, only to choose the answer, since the
     * decision was the {@code UPDATE}'s.
     *
     * @param connection a connection
     * @param room       the room
     * @param seq        the message
     * @param user       who asked
     * @param expected   the version the client edited, or null
     * @return the refusal to throw
     * @throws SQLException if the database refuses
     */
    public static EditRefused refusal(Connection connection, String room, long seq, String user, Long expected)
            throws SQLException {
        StoredMessage current = find(connection, room, seq);
        if (current == null) {
            return new EditRefused(EditRefused.Reason.NOT_FOUND, "room '" + room + "' has no message " + seq);
        }
        if (!current.author().equals(user)) {
            return new EditRefused(EditRefused.Reason.NOT_AUTHOR, "only its author may change message " + seq);
        }
        if (current.deleted()) {
            return new EditRefused(EditRefused.Reason.DELETED, "message " + seq + " was deleted");
        }
        return new EditRefused(EditRefused.Reason.VERSION_CONFLICT, "message " + seq + " is at version "
                + current.version() + ", not " + expected + ": edit its latest version");
    }
}
