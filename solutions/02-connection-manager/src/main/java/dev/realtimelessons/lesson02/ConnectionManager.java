package dev.realtimelessons.lesson02;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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
    // tag::registry[]
    public void add(Connection connection) {
        byId.put(connection.id(), connection);
        byUser.computeIfAbsent(connection.user(), user -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    /**
     * Step 2: forgets a connection. Safe to call more than once, and for a connection never added; a user with no
     * connection left is forgotten too, so that nothing outlives its connections.
     *
     * @param connection the connection
     */
    public void remove(Connection connection) {
        if (byId.remove(connection.id(), connection)) {
            byUser.computeIfPresent(connection.user(), (user, connections) -> {
                connections.remove(connection);
                return connections.isEmpty() ? null : connections; // null removes the entry, atomically
            });
        }
    }
    // end::registry[]

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
        Map<String, Integer> perUser = new TreeMap<>();
        byUser.forEach((user, connections) -> perUser.put(user, connections.size()));
        return new Stats(byId.size(), perUser.size(), perUser);
    }

    /**
     * Step 3: sends a message to one connection.
     *
     * @param id      the connection's id
     * @param message the message, serialized once by the caller
     * @return true if it was queued; false if the connection is not open or refused it
     */
    // tag::send[]
    public boolean sendToConnection(String id, String message) {
        Connection connection = byId.get(id);
        return connection != null && connection.send(message);
    }

    /**
     * Step 3: sends a message to every connection of a user.
     *
     * @param user    the user
     * @param message the message, serialized once by the caller
     * @return how many connections it was queued for
     */
    public int sendToUser(String user, String message) {
        return sendToAll(byUser.getOrDefault(user, Set.of()), message, null, null);
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
        return sendToAll(byId.values(), message, exceptConnection, exceptUser);
    }

    // tag::fanout[]
    private static int sendToAll(Collection<Connection> connections, String message, String exceptConnection,
                                 String exceptUser) {
        int queued = 0;
        for (Connection connection : connections) {
            if (connection.id().equals(exceptConnection) || connection.user().equals(exceptUser)) {
                continue;
            }
            if (connection.send(message)) { // only queues: a slow client delays nobody
                queued++;
            }
        }
        return queued;
    }
    // end::fanout[]
    // end::send[]
}
