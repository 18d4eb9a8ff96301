package dev.realtimelessons.lesson03;

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
}
