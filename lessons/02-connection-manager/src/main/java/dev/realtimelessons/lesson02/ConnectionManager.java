package dev.realtimelessons.lesson02;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.realtimelessons.kit.TodoException;

/**
 * The registry of live connections: by id, and by user, since one user may hold several connections at once
 * (tabs, devices). Thread-safe: connections come and go on Tyrus's threads while REST calls and broadcasts read.
 */
public final class ConnectionManager {

    private final Map<String, Connection> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();

    /**
     * Step 2: registers a new connection under its id and its user.
     *
     * @param connection the connection, already open
     */
    public void add(Connection connection) {
        throw new TodoException("Step 2: register the connection by id and by user (see README, step 2)");
    }

    /**
     * Step 2: forgets a connection. Safe to call more than once, and for a connection never added; a user with no
     * connection left is forgotten too, so that nothing outlives its connections.
     *
     * @param connection the connection
     */
    public void remove(Connection connection) {
        throw new TodoException(
                "Step 2: forget the connection, and its user when it was the last (see README, step 2)");
    }

    /**
     * A connection by id.
     *
     * @param id the connection's id
     * @return the connection, or empty if it is not open
     */
    public Optional<Connection> connection(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Every open connection.
     *
     * @return a snapshot
     */
    public List<Connection> connections() {
        return List.copyOf(byId.values());
    }

    /**
     * Step 2: connections, distinct users, and connections per user (sorted by user).
     *
     * @return a snapshot
     */
    public Stats stats() {
        throw new TodoException(
                "Step 2: count connections, users, and connections per user (see README, step 2)");
    }

    /**
     * Step 3: sends a message to one connection.
     *
     * @param id      the connection's id
     * @param message the message, serialized once by the caller
     * @return true if it was queued; false if the connection is not open or refused it
     */
    public boolean sendToConnection(String id, String message) {
        throw new TodoException("Step 3: queue the message on that connection, if it is open (see README, step 3)");
    }

    /**
     * Step 3: sends a message to every connection of a user.
     *
     * @param user    the user
     * @param message the message, serialized once by the caller
     * @return how many connections it was queued for
     */
    public int sendToUser(String user, String message) {
        throw new TodoException(
                "Step 3: queue the message on every connection of the user (see README, step 3)");
    }

    /**
     * Step 3: sends a message to every connection, except one connection and every connection of one user.
     *
     * @param message           the message, serialized once by the caller
     * @param exceptConnection  a connection id to leave out, or null
     * @param exceptUser        a user to leave out, or null
     * @return how many connections it was queued for
     */
    public int broadcast(String message, String exceptConnection, String exceptUser) {
        throw new TodoException(
                "Step 3: queue the message on every connection but the excluded ones (see README, step 3)");
    }
}
