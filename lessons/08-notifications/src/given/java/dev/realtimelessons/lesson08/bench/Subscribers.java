package dev.realtimelessons.lesson08.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import dev.realtimelessons.kit.client.WholeTextListener;
import dev.realtimelessons.lesson04.TokenIssuer;
import dev.realtimelessons.lesson08.client.EventStreamClient;
import dev.realtimelessons.lesson08.client.EventStreamListener;
import dev.realtimelessons.lesson08.client.StreamEvent;

/**
 * N subscribers of one transport, users {@code u0} to {@code u(N-1)}, each with a token of its own: over SSE, an
 * {@link EventStreamClient} on {@code /sse}, ready at its {@code ready} event; over WebSocket, a JDK
 * {@link WebSocket} on {@code /ws}, ready at its {@code connected} message. Every notification whose title is one
 * of the benchmark's ({@link #title}) counts as a delivery, with its latency; nothing else is parsed.
 *
 * <p>Both transports get the same client machinery, so that the comparison is of the servers' paths: one JDK
 * {@code HttpClient} (HTTP/1.1) for all N, on the same pool of client threads ({@link #CLIENT_THREADS}).
 */
final class Subscribers implements AutoCloseable {

    /** The transports, as the table names them. */
    enum Transport {
        SSE("SSE"), WEBSOCKET("WebSocket");

        final String label;

        Transport(String label) {
            this.label = label;
        }
    }

    /** The prefix of every client thread's name: the benchmark counts their CPU as the clients'. */
    static final String CLIENT_THREADS = "bench-client";

    /** At most this many handshakes at once, so that connecting does not become a flood of its own. */
    private static final int OPENING_AT_ONCE = 100;

    private static final String TITLE = "\"title\":\"bench ";

    private final Transport transport;
    private final int count;
    private final Recorder latencies = new Recorder(3); // microseconds; recorded from many threads
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private volatile Part part = new Part(-1, 0, new Semaphore(0));

    private Subscribers(Transport transport, int count) {
        this.transport = transport;
        this.count = count;
    }

    /**
     * The title of the {@code index}th broadcast of a part: what the subscribers look for.
     *
     * @param part   the part's number, so that a late delivery of an earlier part is not counted
     * @param index  the broadcast's index in its part
     * @param micros when it was due or sent: wall clock, microseconds since the epoch
     * @return the title
     */
    static String title(int part, int index, long micros) {
        return "bench " + part + " " + index + " " + micros;
    }

    /** @return the wall clock in microseconds since the epoch: comparable across threads and processes */
    static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /**
     * Opens N subscribers and waits until each is ready.
     *
     * @param transport which one
     * @param count     N
     * @param server    the server's {@code http://} base URI
     * @param issuer    the server's token issuer
     * @param http      the client for all N (its executor's threads are named {@link #CLIENT_THREADS})
     * @param timeout   how long all of them may take
     * @return the subscribers, all ready
     * @throws TimeoutException if one is not ready in time (those that opened are closed)
     * @throws InterruptedException if interrupted
     */
    static Subscribers open(Transport transport, int count, URI server, TokenIssuer issuer, HttpClient http,
                            Duration timeout) throws TimeoutException, InterruptedException {
        Subscribers subscribers = new Subscribers(transport, count);
        CountDownLatch ready = new CountDownLatch(count);
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int i = 0; i < count; i++) {
                if (!opening.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    throw new TimeoutException(transport.label + ": " + i + " of " + count + " opened in " + timeout);
                }
                String token = issuer.issue("u" + i, Set.of(), Set.of(), Duration.ofHours(1));
                Runnable once = once(() -> {
                    opening.release();
                    ready.countDown();
                });
                subscribers.clients.add(transport == Transport.SSE
                        ? subscribers.sse(server.resolve("/sse"), token, http, once)
                        : subscribers.webSocket(URI.create("ws" + server.toString().substring(4)).resolve("/ws"),
                                token, http, once, opening::release));
            }
            if (!ready.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(transport.label + ": " + (count - ready.getCount()) + " of " + count
                        + " ready in " + timeout);
            }
            return subscribers;
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            subscribers.close();
            throw e;
        }
    }

    private AutoCloseable sse(URI uri, String token, HttpClient http, Runnable ready) {
        // A fixed header, not a fresh token per attempt: a reconnect counts as a failure of the run anyway.
        return EventStreamClient.builder(uri).httpClient(http)
                .headers(() -> Map.of("Authorization", "Bearer " + token))
                .listener(new EventStreamListener() {
                    @Override
                    public void onEvent(StreamEvent event) {
                        if (event.event().equals("notification")) {
                            arrived(event.data());
                        } else if (event.event().equals("ready")) {
                            ready.run();
                        }
                    }

                    @Override
                    public void onReconnecting(Duration delay, Throwable reason) {
                        reconnects.incrementAndGet();
                    }

                    @Override
                    public void onClosed(Throwable failure) {
                        if (failure != null) {
                            failures.incrementAndGet();
                        }
                    }
                }).connect();
    }

    private AutoCloseable webSocket(URI uri, String token, HttpClient http, Runnable ready, Runnable refused) {
        CompletableFuture<WebSocket> socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, new WholeTextListener(text -> {
                    if (text.startsWith("{\"type\":\"notification\"")) {
                        arrived(text);
                    } else if (text.contains("\"type\":\"connected\"")) {
                        ready.run();
                    }
                }) {
                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        reconnects.incrementAndGet(); // the server closed it: a subscriber lost mid-run
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        failures.incrementAndGet();
                    }
                });
        socket.whenComplete((ws, error) -> {
            if (error != null) {
                failures.incrementAndGet();
                refused.run(); // it will never be ready: the open() deadline reports it
            }
        });
        return () -> socket.thenAccept(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /**
     * Starts counting the deliveries of a part; those of any other part are ignored from now on.
     *
     * @param number     the part's number, as in its titles
     * @param broadcasts how many broadcasts it sends
     * @param complete   released once for each broadcast that has reached all N subscribers
     */
    void startPart(int number, int broadcasts, Semaphore complete) {
        latencies.getIntervalHistogram(); // drops what earlier parts recorded
        part = new Part(number, broadcasts, complete);
    }

    /** @return the latencies of the deliveries since {@link #startPart}, in microseconds */
    Histogram latencies() {
        return latencies.getIntervalHistogram();
    }

    /** @return the broadcasts of the current part that reached all N subscribers */
    int completeBroadcasts() {
        return part.completed.get();
    }

    /** @return connections that ended or reconnected while the benchmark ran: 0 in a clean run */
    long lost() {
        return reconnects.get() + failures.get();
    }

    /** A delivery: finds the title's numbers by a string search (the same work for both transports). */
    private void arrived(String text) {
        long received = wallMicros();
        int at = text.indexOf(TITLE);
        if (at < 0) {
            return;
        }
        int end = text.indexOf('"', at + TITLE.length());
        String[] numbers = text.substring(at + TITLE.length(), end).split(" ");
        Part current = part;
        if (numbers.length != 3 || Integer.parseInt(numbers[0]) != current.number) {
            return;
        }
        int index = Integer.parseInt(numbers[1]);
        if (index < 0 || index >= current.arrivals.length()) {
            return;
        }
        int arrivals = current.arrivals.incrementAndGet(index);
        if (arrivals > count) {
            return; // a replay after a reconnect: counted in lost() already
        }
        latencies.recordValue(Math.max(0, received - Long.parseLong(numbers[2])));
        if (arrivals == count) {
            current.completed.incrementAndGet();
            current.complete.release();
        }
    }

    /** The deliveries of one part. */
    private static final class Part {
        final int number;
        final AtomicIntegerArray arrivals;
        final Semaphore complete;
        final AtomicInteger completed = new AtomicInteger();

        Part(int number, int broadcasts, Semaphore complete) {
            this.number = number;
            this.arrivals = new AtomicIntegerArray(broadcasts);
            this.complete = complete;
        }
    }

    /** Closes every subscriber; the caller waits until the server has seen them go. */
    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                failures.incrementAndGet();
            }
        }
    }

    @Override
    public String toString() {
        return count + " " + transport.label + " subscribers";
    }
}
