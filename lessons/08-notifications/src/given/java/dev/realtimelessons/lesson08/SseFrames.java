package dev.realtimelessons.lesson08;

import java.time.Duration;

/** The text of a {@code text/event-stream}: events, comments and the reconnection delay (lesson 01's format). */
public final class SseFrames {

    private SseFrames() {
    }

    /**
     * One event. The data is one JSON object, which has no line break, so it takes one {@code data:} line.
     *
     * @param id    the {@code id:}, which the browser sends back as {@code Last-Event-ID}
     * @param event the event name, which the page listens to with {@code addEventListener}
     * @param data  one line of data
     * @return the event's lines and the blank line that dispatches it
     */
    public static String event(String id, String event, String data) {
        return "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
    }

    /** @param text one line @return a comment, which browsers ignore: a heartbeat */
    public static String comment(String text) {
        return ": " + text + "\n\n";
    }

    /** @param delay how long a browser waits before it reconnects @return the {@code retry:} line */
    public static String retry(Duration delay) {
        return "retry: " + delay.toMillis() + "\n\n";
    }
}
