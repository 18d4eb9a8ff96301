package dev.realtimelessons.lesson08.client;

import java.util.Objects;

/**
 * One event of a {@code text/event-stream}, as {@link EventStreamClient} hands it to its listener.
 *
 * <p>{@code toString()} leaves the data out, so an event that reaches a log line does not carry its payload.
 *
 * @param id    the last event id when the event was dispatched: the stream's latest {@code id:} field, carried over
 *              from earlier events and earlier connections; {@code ""} if the server reset it with an empty
 *              {@code id:}; null if no connection has sent one
 * @param event the event name, {@code "message"} when the stream gave none
 * @param data  the data lines joined with {@code \n}
 */
public record StreamEvent(String id, String event, String data) {

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if {@code event} or {@code data} is null
     */
    public StreamEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public String toString() {
        return "StreamEvent[id=" + id + ", event=" + event + ", data=(" + data.length() + " chars)]";
    }
}
