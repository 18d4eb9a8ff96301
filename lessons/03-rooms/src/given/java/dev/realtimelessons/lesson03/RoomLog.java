package dev.realtimelessons.lesson03;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a room numbers its messages, and what of its past a joining member gets. Lesson 03 keeps both in the
 * {@link Room} ({@link #IN_ROOM}), so they last as long as the room has members; lesson 05 moves them to a history
 * that outlives them, so that a client can come back and resume.
 *
 * <p>{@link #replay} is called with the room's lock held (a join), {@link #append} in the room's order (a publish,
 * see {@link RoomDelivery#inRoomOrder}): neither ever runs beside a publish or a join of the same room.
 */
public interface RoomLog {

    /** Lesson 03's log: the room's own numbering and bounded history. */
    RoomLog IN_ROOM = new RoomLog() {
        @Override
        public RoomMessage append(Room room, String from, JsonNode data) {
            return room.publish(from, data);
        }

        @Override
        public Past replay(Room room, RoomRequest.Join join) {
            return new Past(room.history(), new RoomMessages.JoinAck(room.name(), room.latestSeq(), null, null));
        }
    };

    /**
     * What a joining member gets from a room's past.
     *
     * @param messages the messages to send, oldest first
     * @param ack      the join's answer, which says where they end ({@code seq} at least)
     */
    record Past(List<RoomMessage> messages, RoomMessages.JoinAck ack) {
        /** @param messages the messages to send, copied */
        public Past {
            messages = List.copyOf(messages);
        }
    }

    /**
     * Numbers a new message and keeps it.
     *
     * @param room the room
     * @param from the sender's user
     * @param data the payload
     * @return the {@code message}, with its {@code seq}
     */
    RoomMessage append(Room room, String from, JsonNode data);

    /**
     * What a member who joins gets from the room's past, and what its {@code ack} says about it. Runs with the
     * room locked, after the request passed the dispatcher's checks: it must not fail.
     *
     * @param room the room
     * @param join the {@code join} request
     * @return the messages to send, and the join's ack
     */
    Past replay(Room room, RoomRequest.Join join);
}
