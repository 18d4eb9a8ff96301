package dev.realtimelessons.kit.sse;

/**
 * Turns the lines of a {@code text/event-stream} into events, as the HTML standard's {@code EventSource} does.
 *
 * <p>Feed it one line at a time (without the line ending). A blank line dispatches the event collected so far;
 * a line starting with {@code :} is a comment; {@code id}, {@code event}, {@code data} and {@code retry} are the
 * only fields, and unknown fields are ignored. Not thread-safe: one parser per stream.
 */
public final class SseParser {

    /** Receives what the stream says. */
    public interface Listener {
        /**
         * An event was dispatched.
         *
         * @param id    the last event id seen so far in the stream (it carries over to later events), or null
         * @param event the event name, {@code "message"} when the stream gave none
         * @param data  the data lines joined with {@code \n}
         */
        void onEvent(String id, String event, String data);

        /**
         * A comment line, for example a heartbeat.
         *
         * @param text the text after the colon, without one leading space
         */
        default void onComment(String text) {
        }

        /**
         * A {@code retry:} field: the reconnection delay the server asks for.
         *
         * @param millis the delay in milliseconds
         */
        default void onRetry(long millis) {
        }
    }

    private final Listener listener;
    private String lastId;
    private String eventName;
    private StringBuilder data;

    /**
     * Creates a parser.
     *
     * @param listener called on the thread that calls {@link #line(String)}
     */
    public SseParser(Listener listener) {
        this.listener = listener;
    }

    /**
     * The last event id seen, to send as {@code Last-Event-ID} when reconnecting.
     *
     * @return the id, or null if the stream has sent none
     */
    public String lastEventId() {
        return lastId;
    }

    /**
     * Feeds one line.
     *
     * @param line the line without its ending
     */
    public void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                listener.onEvent(lastId, eventName == null ? "message" : eventName, data.toString());
            }
            eventName = null;
            data = null;
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "" -> listener.onComment(value);
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            case "event" -> eventName = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                    listener.onRetry(Long.parseLong(value));
                }
            }
            default -> {
                // The standard says: ignore the field.
            }
        }
    }
}
