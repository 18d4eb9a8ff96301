package dev.realtimelessons.lesson01.feed;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.realtimelessons.kit.json.Json;

/**
 * A numbered event feed that remembers its last events, the source that every technique in this lesson serves.
 *
 * <p>Ids start at 1 and grow by one. The feed keeps the last {@code capacity} events, so a client that comes back
 * can ask for what it missed ({@link #since(long)}); a client that was away longer than that gets the oldest
 * events still kept (lesson 05 makes that gap visible). {@link #subscribe} replays and then delivers live events,
 * in order, with no gap and no duplicate between the two. Thread-safe.
 */
public final class EventFeed {

    private static final System.Logger LOG = System.getLogger(EventFeed.class.getName());

    private final int capacity;
    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private final List<Registration> subscribers = new CopyOnWriteArrayList<>();
    private final Random random = new Random(42);
    private long latestId;
    private double price = 100.00;

    /**
     * Creates an empty feed.
     *
     * @param capacity how many recent events to keep, at least 1
     */
    public EventFeed(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Publishes the next tick: the price takes a small random step.
     *
     * @return the event, already delivered to every subscriber
     */
    public synchronized Event publish() {
        price = Math.max(1.0, Math.round((price + random.nextGaussian() * 0.25) * 100) / 100.0);
        Event event = new Event(++latestId, "ACME", price, nowMicros());
        recent.addLast(event);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        String json = Json.write(event);
        for (Registration subscriber : subscribers) {
            subscriber.deliver(event, json);
        }
        return event;
    }

    /**
     * The id of the newest event, 0 before the first.
     *
     * @return the latest id
     */
    public synchronized long latestId() {
        return latestId;
    }

    /**
     * The kept events with an id greater than {@code afterId}, oldest first.
     *
     * @param afterId 0 for everything kept
     * @return a copy, possibly empty
     */
    public synchronized List<Event> since(long afterId) {
        List<Event> events = new ArrayList<>();
        for (Event event : recent) {
            if (event.id() > afterId) {
                events.add(event);
            }
        }
        return events;
    }

    /**
     * Delivers the kept events after {@code afterId}, then every new event, to a listener.
     *
     * @param afterId  the last id the subscriber already has; {@link #latestId()} for new events only
     * @param listener called in order, never concurrently with itself
     * @return the subscription, to close when the subscriber goes away
     */
    public synchronized Subscription subscribe(long afterId, EventListener listener) {
        Registration registration = new Registration(listener);
        for (Event event : since(afterId)) {
            registration.deliver(event, Json.write(event));
        }
        subscribers.add(registration);
        return registration;
    }

    /**
     * How many subscriptions are open: tests use it to see that nothing outlives its client.
     *
     * @return the number of open subscriptions
     */
    public int subscriberCount() {
        return subscribers.size();
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private final class Registration implements Subscription {
        private final EventListener listener;
        private volatile boolean closed;

        Registration(EventListener listener) {
            this.listener = listener;
        }

        void deliver(Event event, String json) {
            if (closed) {
                return;
            }
            try {
                listener.onEvent(event, json);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a subscriber failed and was removed", e);
                close();
            }
        }

        @Override
        public void close() {
            closed = true;
            subscribers.remove(this);
        }
    }
}
