package dev.realtimelessons.lesson01;

import java.time.Duration;

import dev.realtimelessons.kit.TodoException;

/**
 * The text of a Server-Sent Events stream ({@code text/event-stream}), as the HTML standard defines it.
 *
 * <p>A stream is lines separated by {@code \n}. Lines {@code field: value} build an event; a blank line ends it.
 * A line starting with {@code :} is a comment, ignored by browsers and useful as a heartbeat.
 */
public final class SseProtocol {

    private SseProtocol() {
    }

    /**
     * Step 2: one event, with its id so that a reconnecting browser can say where it stopped.
     *
     * <p>Example: {@code event(7, "tick", "{\"id\":7}")} is {@code "id: 7\nevent: tick\ndata: {\"id\":7}\n\n"}.
     * Data that contains line breaks ({@code \n}, {@code \r\n} or {@code \r}) becomes one {@code data:} line per
     * line, which the browser joins back with {@code \n}.
     *
     * @param id   the event id
     * @param name the event name
     * @param data the payload, any text
     * @return the event's lines, ending with the blank line that dispatches it
     */
    public static String event(long id, String name, String data) {
        throw new TodoException("Step 2: format an SSE event: id, event and one data line per line of data, then a blank line (see README, step 2)");
    }

    /**
     * A comment line, for example {@code ": heartbeat\n\n"}.
     *
     * @param text the comment, one line
     * @return the comment block
     */
    public static String comment(String text) {
        return ": " + text + "\n\n";
    }

    /**
     * The reconnection delay for the browser, for example {@code "retry: 3000\n\n"}.
     *
     * @param delay the delay
     * @return the retry block
     */
    public static String retry(Duration delay) {
        return "retry: " + delay.toMillis() + "\n\n";
    }

    /**
     * Step 2: where a stream starts. A browser that reconnects sends the last id it saw in the
     * {@code Last-Event-ID} header; a first connection may ask with {@code ?since=N} instead. The header wins
     * when both are present; with neither, the stream starts from now.
     *
     * @param lastEventId the {@code Last-Event-ID} header, or null
     * @param since       the {@code since} query parameter, or null
     * @param latestId    the feed's latest id
     * @return the id after which to send events
     * @throws BadRequest if the value used is not a valid cursor (see {@link SinceParameter})
     */
    public static long resumeAfter(String lastEventId, String since, long latestId) throws BadRequest {
        throw new TodoException("Step 2: resume from Last-Event-ID, else ?since=, else from now (see README, step 2)");
    }
}
