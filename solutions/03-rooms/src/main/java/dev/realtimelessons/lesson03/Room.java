package dev.realtimelessons.lesson03;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArraySet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.Connection;

/**
 * One room: its members, who is present, and its numbered messages with a bounded history.
 *
 * <p>Thread-safe: every method holds the room's lock, but {@link #members}, which needs none. A caller that must do
 * several things atomically (publish, then deliver in sequence order) holds {@code synchronized (room)} around them.
 */
public final class Room {

    private final String name;
    private final int historySize;
    /**
     * The member connections, in the order they joined. Copy on write: a join or a leave copies the array, so that
     * a publish, far more frequent, reads the members without a lock and without a copy of its own.
     */
    private final Set<Connection> members = new CopyOnWriteArraySet<>();
    /** The last sequence number given; {@link #publish} gives the next. */
    private long seq;
    private final Map<String, Integer> connectionsPerUser = new TreeMap<>();
    private final Deque<RoomMessage> history = new ArrayDeque<>();

    /**
     * Creates an empty room.
     *
     * @param name        the room's name
     * @param historySize how many recent messages to keep, 0 or more
     */
    public Room(String name, int historySize) {
        this.name = name;
        this.historySize = historySize;
    }

    /** @return the room's name */
    public String name() {
        return name;
    }

    /**
     * Step 2: adds a connection.
     *
     * @param connection the connection
     * @return true when the connection's user was not present before (their first tab)
     */
    // tag::presence[]
    public synchronized boolean add(Connection connection) {
        if (!members.add(connection)) {
            return false; // already a member: nothing changes
        }
        return connectionsPerUser.merge(connection.user(), 1, Integer::sum) == 1;
    }

    /**
     * Step 2: removes a connection.
     *
     * @param connection the connection
     * @return true when it was its user's last connection in the room (the user left)
     */
    public synchronized boolean remove(Connection connection) {
        if (!members.remove(connection)) {
            return false;
        }
        // merge returns null when the function does, and then removes the entry: the user's last connection left
        return connectionsPerUser.merge(connection.user(), -1, (count, minusOne) ->
                count + minusOne == 0 ? null : count + minusOne) == null;
    }
    // end::presence[]

    /**
     * Whether a connection is a member.
     *
     * @param connection the connection
     * @return true if it joined and has not left
     */
    public synchronized boolean contains(Connection connection) {
        return members.contains(connection);
    }

    /**
     * The member connections, for a fan-out. Costs no copy and no lock: an iteration sees the members as they were
     * when it began, whatever joins or leaves meanwhile.
     *
     * @return a read-only view, in the order they joined
     */
    public Collection<Connection> members() {
        return Collections.unmodifiableCollection(members);
    }

    /**
     * Step 2: the users present, each once however many connections they have here, sorted.
     *
     * @return a snapshot
     */
    public synchronized List<String> users() {
        return List.copyOf(connectionsPerUser.keySet());
    }

    /**
     * Whether the room has no member left.
     *
     * @return true when empty
     */
    public synchronized boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * Step 3: numbers a new message and keeps it in the history, dropping the oldest beyond
     * {@code historySize}.
     *
     * @param from the sender's user
     * @param data the payload
     * @return the {@code message}, with its {@code seq}: 1 for the room's first, then one more each time
     */
    // tag::publish[]
    public synchronized RoomMessage publish(String from, JsonNode data) {
        RoomMessage message = RoomMessages.message(name, from, data, ++seq);
        if (historySize > 0) {
            history.addLast(message);
            if (history.size() > historySize) {
                history.removeFirst();
            }
        }
        return message;
    }

    /**
     * Step 3: the kept messages, oldest first.
     *
     * @return a snapshot
     */
    public synchronized List<RoomMessage> history() {
        return new ArrayList<>(history);
    }
    // end::publish[]

    /**
     * The last sequence number given, 0 before the first message.
     *
     * @return the latest {@code seq}
     */
    public synchronized long latestSeq() {
        return seq;
    }
}
