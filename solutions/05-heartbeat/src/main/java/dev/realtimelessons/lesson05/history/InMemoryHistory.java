package dev.realtimelessons.lesson05.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson03.RoomMessage;
import dev.realtimelessons.lesson03.RoomMessages;

/**
 * Step 2: a {@link RoomHistory} in this process's memory: for each room, a counter and the last {@code size}
 * messages. Each room's epoch is made up when the room is first seen, so it changes with every restart, which is
 * exactly when this history is lost. It keeps every room it has seen until the process ends: fine for a lesson, a
 * leak for a server whose clients may invent room names; lesson 06's Redis Streams expire.
 */
public final class InMemoryHistory implements RoomHistory {

    private final int size;
    private final Map<String, Log> logs = new ConcurrentHashMap<>();

    /**
     * @param size how many messages each room keeps, 1 or more
     */
    public InMemoryHistory(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        this.size = size;
    }

    // tag::append[]
    @Override
    public RoomMessage append(String room, String from, JsonNode data) {
        Log log = log(room);
        synchronized (log) {
            RoomMessage message = RoomMessages.message(room, from, data, ++log.seq);
            log.kept.addLast(message);
            if (log.kept.size() > size) {
                log.kept.removeFirst();
            }
            return message;
        }
    }
    // end::append[]

    @Override
    public Replay recent(String room) {
        Log log = log(room);
        synchronized (log) {
            return new Replay(new ArrayList<>(log.kept), log.seq, log.epoch, true);
        }
    }

    // tag::since[]
    @Override
    public Replay since(String room, long since, String epoch) {
        Log log = log(room);
        synchronized (log) {
            long oldestKept = log.kept.isEmpty() ? log.seq + 1 : log.kept.getFirst().seq();
            boolean complete = log.epoch.equals(epoch) && since <= log.seq && since + 1 >= oldestKept;
            if (!complete) { // another epoch, a number from the future, or a gap: reload from what is kept
                return new Replay(new ArrayList<>(log.kept), log.seq, log.epoch, false);
            }
            List<RoomMessage> missed = new ArrayList<>();
            for (RoomMessage message : log.kept) {
                if (message.seq() > since) {
                    missed.add(message);
                }
            }
            return new Replay(missed, log.seq, log.epoch, true);
        }
    }
    // end::since[]

    private Log log(String room) {
        return logs.computeIfAbsent(room, name -> new Log());
    }

    /** One room: its epoch, its last number and its kept messages. Guarded by its own lock. */
    private static final class Log {
        private final String epoch = UUID.randomUUID().toString().substring(0, 8);
        private final Deque<RoomMessage> kept = new ArrayDeque<>();
        private long seq;
    }
}
