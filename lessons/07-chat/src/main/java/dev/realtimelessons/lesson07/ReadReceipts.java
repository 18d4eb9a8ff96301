package dev.realtimelessons.lesson07;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.realtimelessons.kit.TodoException;

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
        throw new TodoException("Step 4: one upsert that moves read_cursors.last_read forward only, and only to"
                + " a seq the room has; tell a seq beyond the latest apart (see README, step 4)");
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
        throw new TodoException("Step 4: count the others' messages after the user's last read, deleted ones "
                + "left out (see README, step 4)");
    }
    // end::unread[]
}
