package dev.realtimelessons.kit.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import dev.realtimelessons.kit.sse.SseParser;

/**
 * A Server-Sent Events client for tests, parsing the stream as the HTML standard's {@code EventSource} does.
 *
 * <p>Events, comments ({@code : ...} lines) and {@code retry:} values are queued as they arrive; the
 * {@code await...} methods fail with an {@link AssertionError} that lists what did arrive. It does not reconnect
 * by itself: a test that wants a reconnect opens a new client with {@code Last-Event-ID}.
 */
public final class SseTestClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Object lock = new Object();
    private final List<SseEvent> events = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    private final List<Long> retries = new ArrayList<>();
    private final HttpResponse<InputStream> response;
    private boolean ended;
    private int eventsTaken;
    private int commentsTaken;

    private SseTestClient(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("could not open an event stream at " + uri + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no response headers from " + uri + " within " + CONNECT_TIMEOUT, e);
        }
        Thread reader = new Thread(this::read, "sse-test-client " + uri.getPath());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens a stream and waits up to 5 s for the response headers.
     *
     * @param uri     an {@code http://} URI
     * @param headers extra request headers, for example {@code Last-Event-ID}
     * @return the client, reading in the background
     */
    public static SseTestClient connect(URI uri, Map<String, String> headers) {
        return new SseTestClient(uri, headers);
    }

    /**
     * Opens a stream with no extra headers.
     *
     * @param uri an {@code http://} URI
     * @return the client, reading in the background
     */
    public static SseTestClient connect(URI uri) {
        return new SseTestClient(uri, Map.of());
    }

    /**
     * The response status.
     *
     * @return for example 200
     */
    public int status() {
        return response.statusCode();
    }

    /**
     * A response header.
     *
     * @param name the header name, any case
     * @return the first value, or an empty string
     */
    public String header(String name) {
        return response.headers().firstValue(name).orElse("");
    }

    /**
     * Takes the next event that has not been taken yet.
     *
     * @param timeout how long to wait
     * @return the event
     * @throws AssertionError if none arrives in time
     */
    public SseEvent awaitEvent(Duration timeout) {
        synchronized (lock) {
            awaitUntil(() -> events.size() > eventsTaken, "an event", timeout);
            return events.get(eventsTaken++);
        }
    }

    /**
     * Takes the next comment line (the text after the colon), for example a heartbeat.
     *
     * @param timeout how long to wait
     * @return the comment
     * @throws AssertionError if none arrives in time
     */
    public String awaitComment(Duration timeout) {
        synchronized (lock) {
            awaitUntil(() -> comments.size() > commentsTaken, "a comment line", timeout);
            return comments.get(commentsTaken++);
        }
    }

    /**
     * The {@code retry:} values received so far.
     *
     * @return a copy, oldest first
     */
    public List<Long> retries() {
        synchronized (lock) {
            return List.copyOf(retries);
        }
    }

    /**
     * Waits for the server to end the stream.
     *
     * @param timeout how long to wait
     * @throws AssertionError if it is still open after the timeout
     */
    public void awaitEnd(Duration timeout) {
        synchronized (lock) {
            awaitUntil(() -> ended, "the end of the stream", timeout);
        }
    }

    /** Closes the stream, as a browser tab that goes away would. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private void awaitUntil(BooleanSupplier done, String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended) {
                throw new AssertionError("expected " + expected + (ended ? ", but the stream ended" : " within "
                        + timeout + ", but none arrived") + "; received events " + events + ", comments "
                        + comments + ", retry " + retries);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private void read() {
        SseParser parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(String id, String event, String data) {
                add(events, new SseEvent(id, event, data));
            }

            @Override
            public void onComment(String text) {
                add(comments, text);
            }

            @Override
            public void onRetry(long millis) {
                add(retries, millis);
            }
        });
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                parser.line(line);
            }
        } catch (IOException closed) {
            // closed by us or by the server: either way the stream has ended
        } finally {
            synchronized (lock) {
                ended = true;
                lock.notifyAll();
            }
        }
    }

    private <T> void add(List<T> list, T item) {
        synchronized (lock) {
            list.add(item);
            lock.notifyAll();
        }
    }
}
