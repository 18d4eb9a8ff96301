package dev.realtimelessons.lesson05;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.Request;
import dev.realtimelessons.lesson03.Room;
import dev.realtimelessons.lesson03.RoomLog;
import dev.realtimelessons.lesson05.history.Replay;
import dev.realtimelessons.lesson05.history.RoomHistory;

/**
 * Lesson 03's {@link RoomLog} moved to a {@link RoomHistory}, so that numbering and history outlive a room's
 * members, and {@code join} can resume: {@code {"type": "join", "room": "r", "since": 41, "epoch": "…"}} replays
 * what came after 41 and acks {@code recovered: true}, or says {@code recovered: false} when it cannot.
 */
public final class ResumableLog implements RoomLog {

    private final RoomHistory history;

    /**
     * @param history where messages are numbered and kept
     */
    public ResumableLog(RoomHistory history) {
        this.history = history;
    }

    @Override
    public ObjectNode append(Room room, String from, JsonNode data) {
        return history.append(room.name(), from, data);
    }

    /**
     * Checks a {@code join}'s resume fields before the room is locked; install with
     * {@code dispatcher.before("join", ResumableLog::check)}.
     *
     * @param from the sender's connection
     * @param join the request
     * @throws ProtocolError {@code invalid_field} if {@code since} is not a whole number of 0 or more
     */
    public static void check(Connection from, Request join) throws ProtocolError {
        join.number("since", 0);
    }

    // tag::replay[]
    @Override
    public List<ObjectNode> replay(Room room, Request join, ObjectNode ack) {
        JsonNode asked = join.body().get("since"); // checked before: absent, null, or 0 or more
        long since = asked == null || asked.isNull() ? -1 : asked.asLong();
        Replay replay = since < 0
                ? history.recent(room.name())
                : history.since(room.name(), since, join.body().path("epoch").asText(null));
        ack.put("seq", replay.latestSeq()).put("epoch", replay.epoch());
        if (since >= 0) {
            ack.put("recovered", replay.complete()); // false: the client must reload, never a silent gap
        }
        return replay.messages();
    }
    // end::replay[]
}
