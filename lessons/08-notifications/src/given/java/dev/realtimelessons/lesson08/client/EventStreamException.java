package dev.realtimelessons.lesson08.client;

import java.io.IOException;

/**
 * A server's answer that is not an event stream: a refusal (401, 429, 503) or a status or content type the client
 * cannot use.
 *
 * <p>The message names the status and the content type, and holds at most the first 1 KiB of the answer's body (the
 * course's JSON error). The body is the server's text: a caller that logs the message logs it too.
 */
public final class EventStreamException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status  the HTTP status
     * @param message what happened, with the status in it
     */
    public EventStreamException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * The HTTP status of the answer.
     *
     * @return for example 503
     */
    public int status() {
        return status;
    }
}
