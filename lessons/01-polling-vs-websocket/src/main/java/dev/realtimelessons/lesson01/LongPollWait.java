package dev.realtimelessons.lesson01;

import java.time.Duration;

import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson01.feed.EventFeed;

/**
 * Holds a long-poll response open until the feed has something new, without holding a thread.
 */
public final class LongPollWait {

    private final EventFeed feed;
    private final Duration timeout;

    /**
     * Creates the wait.
     *
     * @param feed    the feed to watch
     * @param timeout how long to hold a response before answering 204 No Content
     */
    public LongPollWait(EventFeed feed, Duration timeout) {
        this.feed = feed;
        this.timeout = timeout;
    }

    /**
     * Step 1: parks the response until the feed has an event after {@code since}, then answers 200 with
     * {@link PollResponses#write}; if the timeout passes first, answers 204 No Content.
     *
     * <p>Contract: no thread waits while the response is parked (it is suspended, and answered later by whichever
     * thread has the news); the response is answered exactly once, however the event and the timeout race; and no
     * feed subscription outlives the request, whether it ends with an event, a timeout or a client that hangs up.
     *
     * @param response the response, not yet committed
     * @param since    the client's cursor: it has every event up to this id
     */
    public void suspend(Response response, long since) {
        throw new TodoException("Step 1: hold the response, with no thread waiting, until the feed has an event after "
                + "since (answer 200) or the timeout passes (answer 204); answer exactly once and leave no "
                + "subscription behind (see README, step 1)");
    }
}
