package dev.realtimelessons.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;

/**
 * The load generator's connections to one server: JDK {@code java.net.http} WebSockets over loopback, spread over
 * a few HTTP clients (one selector thread each), at most 200 handshakes at a time.
 */
final class Clients implements AutoCloseable {

    private static final int HANDSHAKES_AT_ONCE = 200;
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(120);

    private final List<HttpClient> http = new ArrayList<>();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final Recorder latency = new Recorder(Subscriber.MAX_MICROS, 3);
    private final AtomicLong delivered = new AtomicLong();
    private CountDownLatch firstMessage = new CountDownLatch(0);

    /** @param selectors how many HTTP clients */
    Clients(int selectors) {
        for (int i = 0; i < Math.max(1, selectors); i++) {
            http.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build());
        }
    }

    /**
     * Opens connections and waits until every one is open.
     *
     * @param wsUri  the server's WebSocket address
     * @param count  how many
     * @param prefix the {@code ?user=} of each is this plus its number
     * @return the open sockets
     * @throws IllegalStateException if one fails or they take longer than two minutes
     */
    List<WebSocket> open(String wsUri, int count, String prefix) {
        CountDownLatch opened = new CountDownLatch(count);
        CountDownLatch first = new CountDownLatch(count);
        Semaphore handshakes = new Semaphore(HANDSHAKES_AT_ONCE);
        List<CompletableFuture<WebSocket>> futures = new ArrayList<>();
        long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
        for (int i = 0; i < count; i++) {
            acquire(handshakes, deadline);
            CompletableFuture<WebSocket> future = http.get(i % http.size()).newWebSocketBuilder()
                    .buildAsync(URI.create(wsUri + "?user=" + prefix + i),
                            new Subscriber(latency, delivered, first, opened));
            future.whenComplete((socket, error) -> handshakes.release());
            futures.add(future);
        }
        List<WebSocket> opens = new ArrayList<>();
        for (CompletableFuture<WebSocket> future : futures) {
            try {
                opens.add(future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("a connection to " + wsUri + " failed after " + opens.size()
                        + " opened", e);
            }
        }
        synchronized (sockets) {
            sockets.addAll(opens);
        }
        firstMessage = first;
        return opens;
    }

    /** @return the latencies recorded since the last call, in microseconds */
    org.HdrHistogram.Histogram latencySinceLastCall() {
        return latency.getIntervalHistogram();
    }

    /** @return room messages received so far, every subscriber's together */
    long delivered() {
        return delivered.get();
    }

    /** @return counted down as each subscriber of the last {@link #open} gets its first room message */
    CountDownLatch firstMessage() {
        return firstMessage;
    }

    /** Drops every connection without a close handshake (the server is stopped first). */
    @Override
    public void close() {
        synchronized (sockets) {
            sockets.forEach(WebSocket::abort);
            sockets.clear();
        }
    }

    private static void acquire(Semaphore semaphore, long deadline) {
        try {
            if (!semaphore.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("handshakes did not complete within " + OPEN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
