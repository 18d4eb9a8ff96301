package dev.realtimelessons.lesson07;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.realtimelessons.kit.TodoException;

/**
 * Pages through a room's messages by cursor, for a client that was away longer than a join replays: each page
 * starts right after the last {@code seq} of the one before, so that nothing is missing and nothing comes twice,
 * however many messages arrive meanwhile.
 */
public final class SyncPages {

    private final Database database;

    /** @param database the database, migrated */
    public SyncPages(Database database) {
        this.database = database;
    }

    /**
     * Step 5: the page of the room's messages after a cursor. Keyset pagination: {@code seq > after}, in
     * {@code seq} order, at most {@code limit} of them; reading one more than the page holds says whether there is
     * more. Never {@code OFFSET}: a message stored meanwhile would shift every later page by one, and the database
     * would read and skip every row before the offset.
     *
     * @param room  the room
     * @param after the cursor: the last {@code seq} the client has, 0 for the first page
     * @param limit the most messages the page holds, 1 or more
     * @return the page, its next cursor, and whether there is more
     * @throws SQLException if the database cannot be reached or refuses
     */
    // tag::page[]
    public Page page(String room, long after, int limit) throws SQLException {
        throw new TodoException("Step 5: select the room's messages with seq > after, in seq order, one more than"
                + " the limit; return at most limit of them, the last seq as next, and whether there was more (see"
                + " README, step 5)");
    }
    // end::page[]
}
