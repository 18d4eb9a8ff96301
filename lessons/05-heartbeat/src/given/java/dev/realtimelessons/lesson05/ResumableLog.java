package dev.realtimelessons.lesson05;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson03.Room;
import dev.realtimelessons.lesson03.RoomLog;
import dev.realtimelessons.lesson03.RoomMessage;
import dev.realtimelessons.lesson03.RoomMessages;
import dev.realtimelessons.lesson03.RoomRequest;
import dev.realtimelessons.lesson05.history.Replay;
import dev.realtimelessons.lesson05.history.RoomHistory;

/**
 * Lesson 03's {@link RoomLog} moved to a {@link RoomHistory}, so that numbering and history outlive a room's
 * members, and {@code join} can resume: {@code {"type": "join", "room": "r", "since": 41, "epoch": "…"}} replays
 * what came after 41 and acks {@code recovered: true}, or says {@code recovered: false} when it cannot. A bad
 * {@code since} never gets here: decoding the {@code join} refused it with {@code invalid_field}.
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
    public RoomMessage append(Room room, String from, JsonNode data) {
        return history.append(room.name(), from, data);
    }

    // tag::replay[]
    @Override
    public Past replay(Room room, RoomRequest.Join join) {
        Replay replay = join.resumes()
                ? history.since(room.name(), join.since(), join.epoch())
                : history.recent(room.name());
        Boolean recovered = join.resumes() ? replay.complete() : null; // false: the client must reload, no gap
        return new Past(replay.messages(),
                new RoomMessages.JoinAck(room.name(), replay.latestSeq(), replay.epoch(), recovered));
    }
    // end::replay[]
}
