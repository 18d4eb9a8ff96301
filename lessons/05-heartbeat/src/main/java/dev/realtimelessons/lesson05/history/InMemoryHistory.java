package dev.realtimelessons.lesson05.history;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson03.RoomMessage;

/**
 * Step 2: a {@link RoomHistory} in this process's memory: for each room, a counter and the last {@code size}
 * messages. Each room's epoch is made up when the room is first seen, so it changes with every restart, which is
 * exactly when this history is lost. It keeps every room it has seen until the process ends: fine for a lesson, a
 * leak for a server whose clients may invent room names; lesson 06's Redis Streams expire.
 */
public final class InMemoryHistory implements RoomHistory {

    private final int size;

    /**
     * @param size how many messages each room keeps, 1 or more
     */
    public InMemoryHistory(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        this.size = size;
    }

    @Override
    public RoomMessage append(String room, String from, JsonNode data) {
        throw new TodoException("Step 2: number the room's next message from 1 and keep only the last 'size' messages"
                + " (see README, step 2)");
    }

    @Override
    public Replay recent(String room) {
        throw new TodoException("Step 2: return the kept messages, the latest seq and the room's epoch"
                + " (see README, step 2)");
    }

    @Override
    public Replay since(String room, long since, String epoch) {
        throw new TodoException("Step 2: replay exactly what came after 'since', or say the recovery is not"
                + " complete (see README, step 2)");
    }
}
