package dev.realtimelessons.lesson08;

import java.util.List;

/**
 * What an inbox holds after a cursor.
 *
 * @param entries the entries after it, oldest first
 * @param gap     true when entries after it may be gone (trimmed, expired, or lost with Redis's data): the stream
 *                then tells the client to reload instead of leaving a silent hole
 */
public record Replay(List<InboxEntry> entries, boolean gap) {

    /** Copies the list. */
    public Replay {
        entries = List.copyOf(entries);
    }
}
