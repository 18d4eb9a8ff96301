package dev.realtimelessons.lesson01.feed;

/**
 * Receives the events of an {@link EventFeed} subscription, one at a time and in order.
 *
 * <p>Called while the feed holds its lock, so it must not block: hand slow work to another thread.
 */
@FunctionalInterface
public interface EventListener {

    /**
     * One event.
     *
     * @param event the event
     * @param json  the event as JSON text, written once by the feed for all its subscribers
     */
    void onEvent(Event event, String json);
}
