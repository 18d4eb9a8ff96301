package dev.realtimelessons.lesson07;

import java.util.List;

/**
 * A page of a room's messages after a cursor.
 *
 * @param messages the messages, oldest first, in their latest versions
 * @param next     the cursor for the next page: the last {@code seq} of this page, or the cursor asked for when
 *                 the page is empty
 * @param more     whether the room has messages after {@code next}
 */
public record Page(List<StoredMessage> messages, long next, boolean more) {

    /** Copies the list. */
    public Page {
        messages = List.copyOf(messages);
    }
}
