package dev.realtimelessons.lesson01.feed;

/**
 * A live {@link EventFeed} subscription. Closing it stops delivery; closing it again does nothing.
 */
public interface Subscription extends AutoCloseable {

    /** Stops delivery. Safe to call from inside the listener and more than once. */
    @Override
    void close();
}
