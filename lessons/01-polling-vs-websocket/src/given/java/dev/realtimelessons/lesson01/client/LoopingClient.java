package dev.realtimelessons.lesson01.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.realtimelessons.lesson01.feed.Event;

/**
 * A client that follows the feed in a loop on a daemon thread of its own (so that a forgotten client never keeps
 * the JVM alive), until it is closed.
 */
abstract class LoopingClient implements FeedClient {

    /** HTTP requests made so far; the loop counts each one. */
    final AtomicLong requests = new AtomicLong();
    private final String threadName;
    private volatile Thread loop;

    LoopingClient(String threadName) {
        this.threadName = threadName;
    }

    /**
     * The loop: follows the feed and hands each event on, until the thread is interrupted.
     *
     * @param since   the last id the caller already has
     * @param onEvent called for each event
     */
    abstract void run(long since, Consumer<Event> onEvent);

    @Override
    public final void start(long since, Consumer<Event> onEvent) {
        Thread thread = new Thread(() -> run(since, onEvent), threadName);
        thread.setDaemon(true);
        thread.start();
        loop = thread;
    }

    @Override
    public final long requests() {
        return requests.get();
    }

    /** Interrupts the loop; a subclass that holds a stream open closes it too. */
    @Override
    public void close() {
        Thread thread = loop;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
