package dev.realtimelessons.lesson01.client;

import java.util.function.Consumer;

import dev.realtimelessons.lesson01.feed.Event;

/**
 * A client that follows the feed with one technique and hands each event to a consumer, in order, once.
 */
public interface FeedClient extends AutoCloseable {

    /**
     * The technique's name, for tables.
     *
     * @return for example {@code "long polling"}
     */
    String name();

    /**
     * Starts following the feed in the background.
     *
     * @param since   the last id the caller already has (0 for everything the server keeps)
     * @param onEvent called for each event, on the client's own thread
     */
    void start(long since, Consumer<Event> onEvent);

    /**
     * How many HTTP requests the client has made so far (a WebSocket handshake is one).
     *
     * @return the count
     */
    long requests();

    /** Stops following and releases the connection. */
    @Override
    void close();
}
