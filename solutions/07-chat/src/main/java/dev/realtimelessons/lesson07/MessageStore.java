package dev.realtimelessons.lesson07;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The chat's messages in PostgreSQL: each one numbered in its room and committed before anyone is told about it,
 * stored once however often its sender retries, and changed only by its author.
 */
public final class MessageStore {

    private final Database database;
    private final Clock clock;

    /**
     * @param database the database, migrated
     * @param clock    the time a message is stored, edited or deleted at
     */
    public MessageStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Step 1: stores a message with the next {@code seq} of its room, in one transaction. The room's row is locked
     * until the commit, so the room's messages are numbered one at a time, in the order they are committed; when
     * this method returns, the message is committed and may be delivered. Step 2: a retry (the same author and
     * {@code client_msg_id}) stores nothing and gets the message stored the first time.
     *
     * @param room        the room, created (with a new epoch) by its first message
     * @param author      the sender
     * @param clientMsgId the sender's id for the message, or null
     * @param data        the payload
     * @return the stored message, and whether it was a retry
     * @throws SQLException if the database cannot be reached or refuses; nothing was stored
     */
    // tag::append[]
    public Sent append(String room, String author, String clientMsgId, JsonNode data) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                long lastSeq = MessageSql.lockRoom(connection, room); // held until the commit: one at a time
                StoredMessage first = clientMsgId == null ? null : previous(connection, room, author, clientMsgId);
                if (first != null) {
                    connection.commit();
                    return new Sent(first, true);
                }
                StoredMessage stored = MessageSql.insert(connection, room, lastSeq + 1, author, clientMsgId, data,
                        now());
                MessageSql.setLastSeq(connection, room, lastSeq + 1);
                connection.commit(); // only now may anyone be told
                return new Sent(stored, false);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
    // end::append[]

    /**
     * Step 2: the message this author already stored in the room under this {@code client_msg_id}.
     *
     * @param connection  the transaction, which holds the room's lock
     * @param room        the room
     * @param author      the sender
     * @param clientMsgId the sender's id for the message
     * @return the message stored the first time, or null if there is none
     * @throws SQLException if the database refuses
     */
    // tag::previous[]
    StoredMessage previous(Connection connection, String room, String author, String clientMsgId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE room = ? AND author = ? AND client_msg_id = ?")) {
            select.setString(1, room);
            select.setString(2, author);
            select.setString(3, clientMsgId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Rows.message(row) : null;
            }
        }
    }
    // end::previous[]

    /**
     * Step 3: replaces the data of one of the author's messages, if it is not deleted and, when the client says
     * which version it edited, still at that version. One {@code UPDATE} checks all of it and changes the row, so
     * two edits at once cannot both win.
     *
     * @param room     the room
     * @param seq      the message
     * @param editor   who asks
     * @param data     the new payload
     * @param expected the version the client edited, or null to edit whatever is there
     * @return the message in its new version
     * @throws EditRefused  if there is no such message, another user wrote it, it is deleted, or it changed
     * @throws SQLException if the database cannot be reached or refuses
     */
    // tag::edit[]
    public StoredMessage edit(String room, long seq, String editor, JsonNode data, Long expected)
            throws EditRefused, SQLException {
        try (Connection connection = database.connection();
             PreparedStatement update = connection.prepareStatement("UPDATE messages"
                     + " SET data = ?::jsonb, version = version + 1, edited_at = ?"
                     + " WHERE room = ? AND seq = ? AND author = ? AND deleted_at IS NULL"
                     + " AND (?::integer IS NULL OR version = ?::integer)"
                     + " RETURNING " + Rows.MESSAGE_COLUMNS)) {
            update.setString(1, Rows.json(data));
            update.setTimestamp(2, Rows.timestamp(now()));
            update.setString(3, room);
            update.setLong(4, seq);
            update.setString(5, editor);
            update.setObject(6, expected, java.sql.Types.INTEGER);
            update.setObject(7, expected, java.sql.Types.INTEGER);
            try (ResultSet row = update.executeQuery()) {
                if (row.next()) {
                    return Rows.message(row);
                }
            }
            throw MessageSql.refusal(connection, room, seq, editor, expected);
        }
    }
    // end::edit[]

    /**
     * Step 3: deletes one of the author's messages, leaving a tombstone: no data, a new version, the time. Deleting
     * a deleted message again changes nothing and is no error (a retry).
     *
     * @param room the room
     * @param seq  the message
     * @param user who asks
     * @return the tombstone, and whether this call deleted it
     * @throws EditRefused  if there is no such message or another user wrote it
     * @throws SQLException if the database cannot be reached or refuses
     */
    // tag::delete[]
    public Deleted delete(String room, long seq, String user) throws EditRefused, SQLException {
        try (Connection connection = database.connection();
             PreparedStatement update = connection.prepareStatement("UPDATE messages"
                     + " SET data = NULL, version = version + 1, deleted_at = ?"
                     + " WHERE room = ? AND seq = ? AND author = ? AND deleted_at IS NULL"
                     + " RETURNING " + Rows.MESSAGE_COLUMNS)) {
            update.setTimestamp(1, Rows.timestamp(now()));
            update.setString(2, room);
            update.setLong(3, seq);
            update.setString(4, user);
            try (ResultSet row = update.executeQuery()) {
                if (row.next()) {
                    return new Deleted(Rows.message(row), true);
                }
            }
            StoredMessage current = MessageSql.find(connection, room, seq);
            if (current != null && current.deleted() && current.author().equals(user)) {
                return new Deleted(current, false); // deleted already: the same answer, and no second event
            }
            throw MessageSql.refusal(connection, room, seq, user, null);
        }
    }
    // end::delete[]

    private Instant now() {
        return clock.instant();
    }
}
