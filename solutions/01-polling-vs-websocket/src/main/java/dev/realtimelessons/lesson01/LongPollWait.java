package dev.realtimelessons.lesson01;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.lesson01.feed.EventFeed;
import dev.realtimelessons.lesson01.feed.Subscription;

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
    // tag::suspend[]
    public void suspend(Response response, long since) {
        AtomicBoolean answered = new AtomicBoolean();
        AtomicReference<Subscription> subscription = new AtomicReference<>();

        response.suspend(timeout.toMillis(), TimeUnit.MILLISECONDS, new EmptyCompletionHandler<>() {
            @Override
            public void cancelled() { // the client hung up
                answered.set(true);
                close(subscription.get());
            }
        }, timedOut -> {
            if (answered.compareAndSet(false, true)) {
                close(subscription.get());
                timedOut.setStatus(204);
                timedOut.resume();
            }
            return false; // we answered (or an event is answering); Grizzly must not cancel the response
        });

        // Subscribe after suspending: an event that arrived since the handler looked is replayed right here.
        Subscription live = feed.subscribe(since, (event, json) -> {
            if (answered.compareAndSet(false, true)) {
                close(subscription.get());
                answer(response, since);
            }
        });
        subscription.set(live);
        if (answered.get()) {
            live.close(); // answered during subscribe(), before we held the subscription
        }
    }
    // end::suspend[]

    private void answer(Response response, long since) {
        try {
            PollResponses.write(response, feed.since(since), since);
        } catch (IOException clientGone) {
            // nothing to answer to
        } finally {
            response.resume();
        }
    }

    private static void close(Subscription subscription) {
        if (subscription != null) {
            subscription.close();
        }
    }
}
