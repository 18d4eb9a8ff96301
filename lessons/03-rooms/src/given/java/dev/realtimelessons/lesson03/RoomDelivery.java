package dev.realtimelessons.lesson03;

import java.util.List;
import java.util.function.Supplier;

import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * How a room's messages reach its members: the seam that Socket.IO calls an adapter. This lesson delivers in
 * memory to the connections of this process ({@link LocalDelivery}); lesson 06 puts Redis behind the same
 * interface so that members connected to other servers get the message too, without changing rooms.
 */
public interface RoomDelivery {

    /**
     * Delivers a message to every member of a room.
     *
     * @param room             the room's name
     * @param message          the message, serialized once
     * @param exceptConnection a connection id to leave out, or null
     */
    void deliver(String room, String message, String exceptConnection);

    /**
     * Delivers a message to every member of a room but the connections of one user: what a user does that their
     * own tabs and devices need not be told about (typing).
     *
     * @param room       the room's name
     * @param message    the message, serialized once
     * @param exceptUser the user whose connections are left out
     */
    void deliverToOthers(String room, String message, String exceptUser);

    /**
     * Runs a publish's numbering and delivery so that no other publish or join of the room comes in between: then
     * every member sees the room's messages in {@code seq} order, and a joiner gets each message once, in its history
     * or live. The default holds the room's lock, which {@link Rooms#join} holds around a join: in this lesson a
     * room's publishes come from the threads of all its members at once.
     *
     * @param room    the room
     * @param publish numbers the message, delivers it, and returns the publish's answer
     * @param <T>     the answer's type
     * @return what {@code publish} returned
     */
    default <T> T inRoomOrder(Room room, Supplier<T> publish) {
        synchronized (room) {
            return publish.get();
        }
    }

    /**
     * Delivers a numbered {@code message} that a member published. Called in the room's order
     * ({@link #inRoomOrder}), right after the message was numbered.
     *
     * @param room             the room
     * @param message          the message, with its {@code seq}
     * @param exceptConnection a connection id to leave out, or null
     */
    default void deliverMessage(Room room, RoomMessage message, String exceptConnection) {
        deliver(room.name(), Messages.text(message), exceptConnection);
    }

    /**
     * Lines up what a joining member is sent from the room's past with what this delivery will send it live.
     * Called with the room locked, after the log's replay and before anything is sent to the member.
     *
     * @param room   the room, the member already in it
     * @param joiner the member's connection
     * @param past   the log's replay: the messages, oldest first, and the join's ack
     * @return what to send, and the ack to answer with; the default sends it all, as it is
     */
    default RoomLog.Past joining(Room room, Connection joiner, RoomLog.Past past) {
        return past;
    }

    /**
     * The users present in a room, for the {@code members} message a joining member gets.
     *
     * @param room the room
     * @return each user once, sorted; the default: the users connected to this server
     */
    default List<String> users(Room room) {
        return room.users();
    }

    /**
     * What a joining member is told of the room's members. Called with the room locked, before the history.
     *
     * @param room the room, the member already in it
     * @return the default: {@code members} with every user ({@link #users}); lesson 09 sends a count instead in a
     *         large room, where the whole list for every joiner would cost the square of the room's size
     */
    default ServerMessage members(Room room) {
        return new RoomMessages.Members(room.name(), users(room));
    }

    /**
     * Tells the room's other members that a user's presence changed, after {@link #presenceChanged}.
     *
     * @param room             the room
     * @param user             the user
     * @param joined           true for {@code joined}, false for {@code left}
     * @param exceptConnection the connection that joined or left, left out
     */
    default void announce(Room room, String user, boolean joined, String exceptConnection) {
        deliver(room.name(), Messages.text(RoomMessages.presence(joined, room.name(), user)), exceptConnection);
    }

    /**
     * A user's presence in a room changed on this server: their first connection joined, or their last one left.
     *
     * @param room    the room
     * @param user    the user
     * @param present true when they joined
     */
    default void presenceChanged(Room room, String user, boolean present) {
    }
}
