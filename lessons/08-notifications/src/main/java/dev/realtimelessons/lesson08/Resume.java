package dev.realtimelessons.lesson08;

import java.util.List;

import dev.realtimelessons.kit.TodoException;

/**
 * The hand-over from replay to live of one stream. A stream subscribes to its inboxes' channels first, then reads
 * what the client missed: so entries that arrive meanwhile come twice (in the replay and live), and live entries
 * can arrive before the replay is read. This decides what the client gets: every entry once, and per inbox in the
 * order of its ids.
 *
 * <p>Not thread-safe: one stream's writer calls it, one call at a time.
 */
public final class Resume {

    /**
     * An entry to send, and the stream's cursor once it is sent: the event's {@code id:}.
     *
     * @param entry  the entry
     * @param cursor the cursor after it
     */
    public record Written(InboxEntry entry, Cursor cursor) {
    }

    private Cursor cursor; // null until the replay is given

    /**
     * Step 3: a live entry arrived.
     *
     * <p>Before {@link #start}: hold it, send nothing yet. After: send it if it is newer than the cursor's id for
     * its inbox (an older or equal one was sent already, by the replay), and move the cursor.
     *
     * @param entry the entry, from one of the stream's inboxes
     * @return what to send now, in order: nothing, or the entry
     */
    public List<Written> live(InboxEntry entry) {
        throw new TodoException("Step 3: before start, hold the entry and send nothing; after, send it only if it "
                + "is newer than the cursor's id for its inbox, and move the cursor (see README, step 3)");
    }

    /**
     * Step 3: the replay is read. From now on the stream is live.
     *
     * @param from   where the client is: its {@code Last-Event-ID}, or where the inboxes are when it has none
     * @param replay the entries after {@code from}, oldest first per inbox
     * @return what to send now, in order: the replay's entries, then the held live entries the replay did not hold,
     *         each newer than the cursor's id for its inbox when it is sent
     */
    public List<Written> start(Cursor from, List<InboxEntry> replay) {
        throw new TodoException("Step 3: take the cursor, then send the replay and the held entries, each only if "
                + "newer than the cursor's id for its inbox, moving the cursor (see README, step 3)");
    }

    /**
     * @return where the stream is, or null before {@link #start}
     */
    public Cursor cursor() {
        return cursor;
    }
}
