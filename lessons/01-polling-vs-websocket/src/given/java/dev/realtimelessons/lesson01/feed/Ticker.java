package dev.realtimelessons.lesson01.feed;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.realtimelessons.kit.concurrent.DaemonThreads;

/**
 * Publishes on an {@link EventFeed} at a fixed rate from one background thread, until closed.
 */
public final class Ticker implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    /**
     * Starts publishing.
     *
     * @param feed          the feed
     * @param perSecond     events per second, more than 0
     */
    public Ticker(EventFeed feed, double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be more than 0, got " + perSecond);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ticker"));
        long periodMicros = Math.max(1, Math.round(1_000_000 / perSecond));
        scheduler.scheduleAtFixedRate(feed::publish, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Stops publishing; an event being published finishes first. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
