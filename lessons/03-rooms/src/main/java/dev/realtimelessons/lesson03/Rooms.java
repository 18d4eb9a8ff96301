package dev.realtimelessons.lesson03;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson02.Connection;

/**
 * Every room, created by its first join and removed with its last leave, and the rooms of every connection, so
 * that a connection that goes leaves them all.
 */
public final class Rooms {

    private final int historySize;
    /** Every room that has members, by name. */
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    /** The names of the rooms each connection is in, by connection id; a connection in no room has no entry. */
    private final Map<String, Set<String>> roomsOfConnection = new ConcurrentHashMap<>();

    /**
     * Creates the registry.
     *
     * @param historySize how many recent messages each room keeps
     */
    public Rooms(int historySize) {
        this.historySize = historySize;
    }

    /**
     * Step 4: adds a connection to a room, creating the room if needed, and calls {@code whileJoining} with the
     * room's lock held, right after adding, so that no message is published between what it sends (the members,
     * the history) and the live messages that follow.
     *
     * <p>The callback never runs inside the map's {@code compute}: it sends messages and may close connections
     * (lesson 06), and a connection that closes leaves its rooms, an update of this same map that must not run
     * inside one of its own compute functions. Only the room's lock is held.
     *
     * @param name         a valid room name
     * @param connection   the connection
     * @param whileJoining called once, with the room and whether the user just became present in it
     */
    public void join(String name, Connection connection, Consumer<Membership> whileJoining) {
        throw new TodoException(
                "Step 4: create the room if needed, then add the connection and call whileJoining under the room's "
                        + "lock, outside the map's compute (see README, step 4)");
    }

    /**
     * Step 4: removes a connection from a room, and the room when it is empty.
     *
     * @param name       the room's name
     * @param connection the connection
     * @return the room, and whether the connection's user left it; empty if the connection was not a member
     */
    public Optional<Membership> leave(String name, Connection connection) {
        throw new TodoException(
                "Step 4: remove the connection, and the room once empty (see README, step 4)");
    }

    /**
     * Step 4: removes a connection from every room it is in (it closed).
     *
     * @param connection the connection
     * @return what leaving each room did
     */
    public List<Membership> leaveAll(Connection connection) {
        throw new TodoException("Step 4: leave every room of the connection (see README, step 4)");
    }

    /**
     * A room by name.
     *
     * @param name the name
     * @return the room, or empty if nobody is in it
     */
    public Optional<Room> room(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /**
     * How many rooms exist (have members).
     *
     * @return the count
     */
    public int roomCount() {
        return rooms.size();
    }

    /**
     * How many connections are in at least one room.
     *
     * @return the count
     */
    public int connectionsInRooms() {
        return roomsOfConnection.size();
    }
}
