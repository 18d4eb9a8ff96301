package dev.realtimelessons.lesson06;

import java.util.List;

import dev.realtimelessons.lesson03.RoomMessage;
import dev.realtimelessons.lesson05.history.Replay;
import dev.realtimelessons.lesson05.history.RoomHistory;

/**
 * A history that every server of a cluster shares: lesson 05's {@link RoomHistory}, plus what a server needs to
 * put the messages of the other servers in order ({@link ClusterRooms}). Lesson 06 keeps it in Redis
 * ({@link RedisHistory}); lesson 07 in PostgreSQL. Its reads throw {@link HistoryUnavailableException} (or, in
 * Redis, a {@code JedisException}) when the store cannot be reached.
 */
public interface SharedHistory extends RoomHistory {

    /**
     * The kept messages of a range, for a server that must fill a gap.
     *
     * @param room   the room
     * @param after  the range's start, excluded
     * @param before the range's end, excluded
     * @return the messages with {@code after < seq < before} still kept, oldest first
     */
    List<RoomMessage> between(String room, long after, long before);

    /**
     * The room's latest {@code seq} and epoch, for a server that was cut off from the broker.
     *
     * @param room the room
     * @return an empty replay with the latest {@code seq} and the epoch
     */
    Replay latest(String room);

    /**
     * The room's epoch, for numbering its messages on this server.
     *
     * @param room the room
     * @return its epoch
     */
    String epochOf(String room);
}
