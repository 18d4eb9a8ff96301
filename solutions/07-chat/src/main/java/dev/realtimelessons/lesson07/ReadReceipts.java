package dev.realtimelessons.lesson07;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Read receipts: per room and user, the last {@code seq} the user has read. It only moves forward, however late
 * or out of order the {@code read}s of a user's tabs arrive.
 */
public final class ReadReceipts {

    private final Database database;

    /** @param database the database, migrated */
    public ReadReceipts(Database database) {
        this.database = database;
    }

    /**
     * Step 4: moves the user's last-read {@code seq} of the room forward to {@code seq}, never back, in one
     * statement: the {@code WHERE} of the upsert keeps the greater of the two, so two tabs that report at once
     * cannot move it back.
     *
     * @param room the room
     * @param user who read
     * @param seq  the last message read, at most the room's latest {@code seq}
     * @return true if it moved forward (the others are told); false if it was there or beyond already
     * @throws IllegalArgumentException if {@code seq} is beyond the room's latest message
     * @throws SQLException             if the database cannot be reached or refuses
     */
    // tag::markRead[]
    public boolean markRead(String room, String user, long seq) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO read_cursors"
                     + " (room, user_name, last_read) SELECT name, ?, ? FROM rooms WHERE name = ? AND last_seq >= ?"
                     + " ON CONFLICT (room, user_name) DO UPDATE SET last_read = EXCLUDED.last_read"
                     + " WHERE read_cursors.last_read < EXCLUDED.last_read")) {
            upsert.setString(1, user);
            upsert.setLong(2, seq);
            upsert.setString(3, room);
            upsert.setLong(4, seq);
            if (upsert.executeUpdate() == 1) {
                return true;
            }
            long latest = RoomRows.read(connection, room).lastSeq();
            if (seq > latest) { // the SELECT found no row: not a message of the room yet
                throw new IllegalArgumentException("seq " + seq + " is beyond the room's latest message, " + latest);
            }
            return false; // read that far already
        }
    }
    // end::markRead[]

    /**
     * Step 4: how many messages of the room the user has not read: those of the others, after the user's last
     * {@code read}, deleted ones left out.
     *
     * @param room the room
     * @param user the user
     * @return the count, 0 or more
     * @throws SQLException if the database cannot be reached or refuses
     */
    // tag::unread[]
    public long unread(String room, String user) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM messages m"
                     + " WHERE m.room = ? AND m.author <> ? AND m.deleted_at IS NULL AND m.seq > COALESCE("
                     + "(SELECT last_read FROM read_cursors r WHERE r.room = m.room AND r.user_name = ?), 0)")) {
            count.setString(1, room);
            count.setString(2, user);
            count.setString(3, user);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
    // end::unread[]
}
