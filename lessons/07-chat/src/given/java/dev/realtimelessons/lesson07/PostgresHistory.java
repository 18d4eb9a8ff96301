package dev.realtimelessons.lesson07;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson03.RoomMessage;
import dev.realtimelessons.lesson05.history.Replay;
import dev.realtimelessons.lesson06.HistoryUnavailableException;
import dev.realtimelessons.lesson06.SharedHistory;

/**
 * Lesson 06's shared history, in PostgreSQL: the database numbers the messages ({@link MessageStore}) and keeps
 * them all, in their latest version. A join replays at most the last {@code window} messages; a client that missed
 * more gets {@code recovered: false} and pages through the rest with {@code sync}. A room's epoch never changes.
 */
public final class PostgresHistory implements SharedHistory {

    private final Database database;
    private final MessageStore store;
    private final int window;
    private final Map<String, String> epochs = new ConcurrentHashMap<>(); // set once per room, never changed

    /**
     * @param database the database
     * @param store    the messages
     * @param window   the most messages a join replays
     */
    public PostgresHistory(Database database, MessageStore store, int window) {
        this.database = database;
        this.store = store;
        this.window = window;
    }

    /** A message with no {@code client_msg_id}: lesson 07's {@code publish} goes to {@link MessageStore} itself. */
    @Override
    public RoomMessage append(String room, String from, JsonNode data) {
        try {
            return store.append(room, from, null, data).message().toRoomMessage();
        } catch (SQLException e) {
            throw unavailable("store a message of room " + room, e);
        }
    }

    @Override
    public Replay recent(String room) {
        try (Connection connection = database.connection()) {
            return recent(connection, room, RoomRows.read(connection, room), true);
        } catch (SQLException e) {
            throw unavailable("read room " + room, e);
        }
    }

    /** The last {@code window} messages, on a connection the caller holds (never a second one from the pool). */
    private Replay recent(Connection connection, String room, RoomRows.RoomRow row, boolean complete)
            throws SQLException {
        List<RoomMessage> last = select(connection, "SELECT " + Rows.MESSAGE_COLUMNS
                + " FROM messages WHERE room = ? ORDER BY seq DESC LIMIT ?", room, window);
        Collections.reverse(last);
        return new Replay(last, row.lastSeq(), row.epoch(), complete);
    }

    @Override
    public Replay since(String room, long since, String epoch) {
        try (Connection connection = database.connection()) {
            RoomRows.RoomRow row = RoomRows.read(connection, room);
            boolean sameNumbers = epoch == null || epoch.equals(row.epoch());
            if (!sameNumbers || since > row.lastSeq() || row.lastSeq() - since > window) {
                // another epoch, a number from the future, or more than a join replays: what is kept, to reload
                return recent(connection, room, row, false);
            }
            return new Replay(select(connection, "SELECT " + Rows.MESSAGE_COLUMNS
                    + " FROM messages WHERE room = ? AND seq > ? ORDER BY seq", room, since), row.lastSeq(),
                    row.epoch(), true);
        } catch (SQLException e) {
            throw unavailable("read room " + room, e);
        }
    }

    @Override
    public List<RoomMessage> between(String room, long after, long before) {
        if (before - after < 2) {
            return List.of();
        }
        try (Connection connection = database.connection()) {
            return select(connection, "SELECT " + Rows.MESSAGE_COLUMNS
                    + " FROM messages WHERE room = ? AND seq > ? AND seq < ? ORDER BY seq", room, after, before);
        } catch (SQLException e) {
            throw unavailable("read room " + room, e);
        }
    }

    @Override
    public Replay latest(String room) {
        try (Connection connection = database.connection()) {
            RoomRows.RoomRow row = RoomRows.read(connection, room);
            return new Replay(List.of(), row.lastSeq(), row.epoch(), true);
        } catch (SQLException e) {
            throw unavailable("read room " + room, e);
        }
    }

    @Override
    public String epochOf(String room) {
        String known = epochs.get(room);
        if (known != null) {
            return known;
        }
        String epoch = latest(room).epoch();
        epochs.put(room, epoch);
        return epoch;
    }

    private static List<RoomMessage> select(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<RoomMessage> messages = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    messages.add(Rows.message(row).toRoomMessage());
                }
            }
            return messages;
        }
    }

    private static HistoryUnavailableException unavailable(String what, SQLException cause) {
        return new HistoryUnavailableException("cannot " + what + ": the database is unreachable", cause);
    }
}
