package dev.realtimelessons.lesson08;

/**
 * One entry of an inbox stream in Redis: what a stream sends as one SSE event.
 *
 * @param source the inbox it comes from: a user's own, or everyone's (broadcasts)
 * @param id     its Redis stream id, for example {@code 1733500000000-0}: the time it was added, and a counter
 * @param event  the SSE event name: {@code notification} or {@code message}
 * @param data   the event's data, one JSON object
 * @param except a user it is not for (a broadcast's {@code exclude_user}), or null
 */
public record InboxEntry(Source source, String id, String event, String data, String except) {

    /** Which inbox an entry comes from; a stream keeps one cursor per source. */
    public enum Source {
        /** The user's own inbox: their notifications, and the messages of the rooms they follow. */
        USER,
        /** Everyone's inbox: broadcasts. */
        ALL
    }

    /**
     * @param user a user
     * @return whether this entry is for them
     */
    public boolean isFor(String user) {
        return except == null || !except.equals(user);
    }
}
