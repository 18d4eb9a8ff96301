package dev.realtimelessons.lesson07;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The {@code rooms} table: one row per room, with its epoch and its latest {@code seq}.
 */
public final class RoomRows {

    private RoomRows() {
    }

    /**
     * A room's epoch and numbering.
     *
     * @param epoch   set when the row was created, never changed: the database does not number a room again
     * @param lastSeq the room's latest {@code seq}, 0 before its first message
     */
    public record RoomRow(String epoch, long lastSeq) {
    }

    /**
     * Creates the room's row, with a new epoch, unless it exists.
     *
     * @param connection a connection
     * @param room       the room
     * @throws SQLException if the database refuses
     */
    public static void create(Connection connection, String room) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO rooms (name, epoch) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, room);
            insert.setString(2, UUID.randomUUID().toString().substring(0, 8));
            insert.executeUpdate();
        }
    }

    /**
     * Reads the room's row, creating it first if it does not exist.
     *
     * @param connection a connection
     * @param room       the room
     * @return its epoch and latest {@code seq}
     * @throws SQLException if the database refuses
     */
    public static RoomRow read(Connection connection, String room) throws SQLException {
        create(connection, room);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT epoch, last_seq FROM rooms WHERE name = ?")) {
            select.setString(1, room);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new RoomRow(row.getString(1), row.getLong(2));
            }
        }
    }
}
