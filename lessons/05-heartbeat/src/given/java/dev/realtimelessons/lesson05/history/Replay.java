package dev.realtimelessons.lesson05.history;

import java.util.List;

import dev.realtimelessons.lesson03.RoomMessage;

/**
 * What a joining member is sent from a room's past.
 *
 * @param messages  the messages, oldest first
 * @param latestSeq the room's latest {@code seq}, 0 before its first message
 * @param epoch     the epoch the numbers belong to
 * @param complete  true when {@code messages} are exactly what the client missed; false when it missed more
 *                  than is kept, or its numbers are from another epoch, so it must reload
 */
public record Replay(List<RoomMessage> messages, long latestSeq, String epoch, boolean complete) {

    /** Copies the list. */
    public Replay {
        messages = List.copyOf(messages);
    }
}
