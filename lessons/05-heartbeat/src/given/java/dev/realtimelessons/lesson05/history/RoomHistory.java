package dev.realtimelessons.lesson05.history;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson03.RoomMessage;

/**
 * Every room's numbered messages, kept beyond the life of the room's members so that a client that comes back can
 * resume where it stopped. A room's numbering belongs to an <em>epoch</em>: when numbering starts again (a restart
 * that lost the history), the epoch changes, and a client that remembers the old one learns that it cannot
 * resume instead of receiving the wrong messages.
 *
 * <p>Lesson 05 keeps it in memory ({@link InMemoryHistory}); lesson 06 keeps it in Redis Streams, shared by every
 * server. Implementations are thread-safe.
 */
public interface RoomHistory {

    /**
     * Numbers a message and keeps it, dropping the oldest beyond the bound.
     *
     * @param room the room
     * @param from the sender's user
     * @param data the payload
     * @return the {@code message}, with its {@code seq}: one more than the room's previous, from 1 in each epoch
     */
    RoomMessage append(String room, String from, JsonNode data);

    /**
     * What a member who joins afresh gets: the kept messages.
     *
     * @param room the room
     * @return the kept messages, the latest {@code seq} and the epoch; complete is always true
     */
    Replay recent(String room);

    /**
     * What a member who comes back gets: every message after the last one it saw, if they are all still kept.
     *
     * @param room  the room
     * @param since the last {@code seq} the client saw, 0 for none
     * @param epoch the epoch of that {@code seq}, or null if the client does not know one
     * @return complete, with exactly the messages after {@code since}; or not complete, with the kept messages,
     *         when the epoch is another or the messages after {@code since} are no longer all kept
     */
    Replay since(String room, long since, String epoch);
}
