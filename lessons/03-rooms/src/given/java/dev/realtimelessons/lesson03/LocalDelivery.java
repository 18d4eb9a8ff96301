package dev.realtimelessons.lesson03;

import dev.realtimelessons.lesson02.Connection;

/**
 * Delivers room messages to the members connected to this process: one queue insertion per member.
 */
public final class LocalDelivery implements RoomDelivery {

    private final Rooms rooms;

    /**
     * Creates the delivery.
     *
     * @param rooms where the members are
     */
    public LocalDelivery(Rooms rooms) {
        this.rooms = rooms;
    }

    // tag::deliver[]
    @Override
    public void deliver(String room, String message, String exceptConnection) {
        rooms.room(room).ifPresent(found -> {
            for (Connection member : found.members()) {
                if (!member.id().equals(exceptConnection)) {
                    member.send(message); // only queues: a slow member delays nobody
                }
            }
        });
    }
    // end::deliver[]

    @Override
    public void deliverToOthers(String room, String message, String exceptUser) {
        rooms.room(room).ifPresent(found -> {
            for (Connection member : found.members()) {
                if (!member.user().equals(exceptUser)) {
                    member.send(message);
                }
            }
        });
    }
}
