package dev.realtimelessons.lesson08;

import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * Where a stream is: the last entry it sent from the user's inbox, and from everyone's. It is the {@code id:} of
 * every event a stream sends, so that the browser's {@code Last-Event-ID} holds both when it reconnects, written
 * {@code <user's id>/<everyone's id>}, for example {@code 1733500000000-0/1733499999000-3}. The browser keeps it as
 * an opaque string; only the server reads it.
 *
 * @param user the last id sent from the user's inbox, {@link StreamIds#ZERO} for none
 * @param all  the last id sent from everyone's inbox, {@link StreamIds#ZERO} for none
 */
public record Cursor(String user, String all) {

    /** The longest {@code Last-Event-ID} a server reads: two ids of 39 characters and the slash. */
    public static final int MAX_LENGTH = 79;

    /** Checks the ids. */
    public Cursor {
        if (!StreamIds.valid(user) || !StreamIds.valid(all)) {
            throw new IllegalArgumentException("not stream ids: " + user + ", " + all);
        }
    }

    /**
     * Reads a {@code Last-Event-ID}.
     *
     * @param text the header's value
     * @return the cursor
     * @throws ProtocolError {@code invalid_field} if it is not two stream ids joined by {@code /}
     */
    public static Cursor parse(String text) throws ProtocolError {
        int slash = text.indexOf('/');
        if (text.length() > MAX_LENGTH || slash < 0 || !StreamIds.valid(text.substring(0, slash))
                || !StreamIds.valid(text.substring(slash + 1))) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "Last-Event-ID must be an id this server sent, "
                    + "<stream id>/<stream id>");
        }
        return new Cursor(text.substring(0, slash), text.substring(slash + 1));
    }

    /**
     * @param source an inbox
     * @return the last id sent from it
     */
    public String of(InboxEntry.Source source) {
        return source == InboxEntry.Source.USER ? user : all;
    }

    /**
     * @param source an inbox
     * @param id     an id of it
     * @return this cursor, moved to {@code id} in {@code source}
     */
    public Cursor with(InboxEntry.Source source, String id) {
        return source == InboxEntry.Source.USER ? new Cursor(id, all) : new Cursor(user, id);
    }

    /** @return the {@code id:} of an event, {@code <user>/<all>} */
    @Override
    public String toString() {
        return user + "/" + all;
    }
}
