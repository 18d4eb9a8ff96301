package dev.realtimelessons.lesson01;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.lesson01.feed.Event;

/**
 * The body of a poll answer: {@code {"events": [...], "last": N}}, where {@code last} is the id of the last event
 * the client now has. The client sends it back as its next {@code since}.
 */
public final class PollResponses {

    private PollResponses() {
    }

    /**
     * Writes 200 with the events.
     *
     * @param response the response
     * @param events   the events after {@code since}, oldest first, possibly none
     * @param since    the cursor the client sent
     * @throws IOException if the client has gone
     */
    public static void write(Response response, List<Event> events, long since) throws IOException {
        long last = events.isEmpty() ? since : events.get(events.size() - 1).id();
        response.setHeader("Cache-Control", "no-store");
        JsonResponses.send(response, 200, Map.of("events", events, "last", last));
    }
}
