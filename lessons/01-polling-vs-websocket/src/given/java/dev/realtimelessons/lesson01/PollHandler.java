package dev.realtimelessons.lesson01;

import java.util.List;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.lesson01.feed.Event;
import dev.realtimelessons.lesson01.feed.EventFeed;

/**
 * {@code GET /poll?since=N} and {@code GET /long-poll?since=N}.
 *
 * <p>Both answer at once when the feed has events after {@code since}. When it has none, a short poll answers an
 * empty list and a long poll hands the response to {@link LongPollWait}, which holds it open until an event
 * arrives or the timeout passes.
 */
public final class PollHandler extends HttpHandler {

    private final EventFeed feed;
    private final LongPollWait wait;

    private PollHandler(EventFeed feed, LongPollWait wait) {
        this.feed = feed;
        this.wait = wait;
    }

    /**
     * Short polling: always answers at once.
     *
     * @param feed the feed
     * @return the handler
     */
    public static PollHandler shortPoll(EventFeed feed) {
        return new PollHandler(feed, null);
    }

    /**
     * Long polling: waits for an event when there is none yet.
     *
     * @param feed the feed
     * @param wait what holds the response open
     * @return the handler
     */
    public static PollHandler longPoll(EventFeed feed, LongPollWait wait) {
        return new PollHandler(feed, wait);
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (request.getMethod() != Method.GET) {
            JsonResponses.methodNotAllowed(response, "GET");
            return;
        }
        long since;
        try {
            since = SinceParameter.parse(request.getParameter("since"), feed.latestId());
        } catch (BadRequest e) {
            JsonResponses.error(response, 400, e.code(), e.getMessage());
            return;
        }
        List<Event> events = feed.since(since);
        if (events.isEmpty() && wait != null) {
            wait.suspend(response, since);
        } else {
            PollResponses.write(response, events, since);
        }
    }
}
