package dev.realtimelessons.lesson08.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.realtimelessons.kit.sse.SseParser;

/**
 * A Server-Sent Events client that keeps one stream open as a browser's {@code EventSource} does, without a thread
 * per stream.
 *
 * <p><b>Connecting.</b> Each attempt is one {@code GET} sent with {@link HttpClient#sendAsync}: the request carries
 * the headers the {@link Builder#headers header supplier} returns for that attempt (a fresh
 * {@code Authorization: Bearer ...} each time), {@code Accept: text/event-stream}, {@code Cache-Control: no-store}
 * and, once the stream has given an id, {@code Last-Event-ID}. The body's lines go through the kit's
 * {@link SseParser} as they arrive; no thread waits on a stream, so a thousand clients in one JVM share the
 * {@code HttpClient}'s few threads.
 *
 * <p><b>What each answer means.</b>
 * <ul>
 *   <li>200 with a content type starting {@code text/event-stream}: open; events follow. When the server ends the
 *       stream, or the connection fails, the client reconnects after a delay.</li>
 *   <li>204: the server says stop. Closed for good, without a failure, as the HTML standard says.</li>
 *   <li>429 or 503: reconnect after the answer's {@code Retry-After} (seconds or an HTTP date), or after the
 *       backoff when it has none.</li>
 *   <li>401: ask the header supplier again and retry at once, once. A second 401 in a row closes the client for
 *       good with the failure (a new credential did not help; retrying would only hammer the server).</li>
 *   <li>Anything else, a 200 with another content type and a redirect included: closed for good with an
 *       {@link EventStreamException} naming the status and the content type, and the first 1 KiB of the body.</li>
 * </ul>
 *
 * <p><b>The delay.</b> The base is the {@link Builder#reconnectDelay reconnection delay} (3 s) until the server
 * sends {@code retry:}, which replaces it for good, as in the standard. Each reconnect in a row doubles a ceiling,
 * from the base up to the {@link Builder#maxBackoff maximum} (30 s), and the delay is drawn at random between zero
 * and that ceiling ("full jitter"), so clients dropped together do not come back together. A connection that
 * delivers an event resets the ceiling to the base. A server's {@code retry:} above the maximum is still honoured
 * as the ceiling; a {@code retry:} or {@code Retry-After} past a day counts as a day.
 *
 * <p><b>Threads.</b> This class is thread-safe: every method may be called from any thread, a callback included.
 * Listener calls come from the {@code HttpClient}'s executor threads ({@code onOpen}, {@code onEvent},
 * {@code onComment}), the timer's thread ({@code onReconnecting}, and {@code onClosed} when the client gives up),
 * or the thread that calls {@link #close()} ({@code onClosed}). For one client they are made one at a time, in
 * stream order, under the client's lock, so a slow callback holds up its own stream and {@link #close()}, and on
 * the timer's thread the reconnects of every client sharing that timer. After {@link #close()} returns, the
 * listener is not called again. The header supplier is called outside the lock, on the timer's thread: it should
 * return quickly (a cached token), for the same reason.
 *
 * <p>Nothing is logged but statuses, exception types and the URI's path: never a header, a query string (it may
 * hold a token) or an event's data.
 */
public final class EventStreamClient implements AutoCloseable {

    /** The most of a refused answer's body kept for its failure message. */
    static final int BODY_PREFIX_BYTES = 1024;

    // A server's number past a day is more likely a mistake than a plan, and this keeps the arithmetic in range.
    private static final Duration LONGEST_DELAY = Duration.ofDays(1);

    private static final System.Logger LOG = System.getLogger(EventStreamClient.class.getName());

    private enum State { CONNECTING, OPEN, WAITING, CLOSED }

    private final URI uri;
    private final Supplier<Map<String, String>> headers;
    private final EventStreamListener listener;
    private final HttpClient http;
    private final ScheduledExecutorService timers;
    private final Duration maxBackoff;
    private final Duration responseTimeout;

    private final Object lock = new Object();
    // Guarded by lock; state and lastEventId are also volatile so that isOpen() and lastEventId() need no lock.
    private volatile State state = State.CONNECTING;
    private volatile String lastEventId;
    private Duration reconnectDelay;
    private int failuresInARow;
    private boolean unauthorizedRetried;
    private Attempt current;
    private ScheduledFuture<?> timer;

    private EventStreamClient(Builder builder) {
        this.uri = builder.uri;
        this.headers = builder.headers;
        this.listener = builder.listener;
        this.http = builder.http != null ? builder.http : Defaults.HTTP;
        this.timers = builder.timers != null ? builder.timers : Defaults.TIMERS;
        this.maxBackoff = builder.maxBackoff;
        this.responseTimeout = builder.responseTimeout;
        this.reconnectDelay = builder.reconnectDelay;
        this.lastEventId = builder.lastEventId;
    }

    /**
     * Starts describing a client.
     *
     * @param uri the stream's {@code http://} (or {@code https://}) URI
     * @return a builder; {@link Builder#listener} is required
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * The last event id the stream has given, across reconnects: what the next attempt sends as
     * {@code Last-Event-ID}. It changes when a blank line ends a block, as in the standard, so an {@code id:} of
     * an event cut off by a disconnect does not count.
     *
     * @return the id, {@code ""} if the server reset it, or null if there is none yet
     */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * Whether a stream is open now (between {@code onOpen} and the next {@code onReconnecting} or
     * {@code onClosed}).
     *
     * @return true if open
     */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    /**
     * Closes the client for good: cancels the request under way and any reconnect timer, and calls
     * {@code onClosed(null)} if the client was not closed yet. Idempotent; no callback follows its return.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closeForGood(null);
        }
    }

    @Override
    public String toString() {
        return "EventStreamClient[" + uri.getPath() + ", " + state + "]";
    }

    /**
     * The ceiling of the delay after {@code failuresInARow} reconnects in a row: the base doubled that many times,
     * at most {@code max}, and never below the base.
     */
    static Duration ceiling(Duration base, Duration max, int failuresInARow) {
        long baseMillis = base.toMillis();
        int shift = Math.min(failuresInARow, 40);
        long grown = baseMillis > (max.toMillis() >> shift) ? max.toMillis() : baseMillis << shift;
        return Duration.ofMillis(Math.max(baseMillis, Math.min(max.toMillis(), grown)));
    }

    /**
     * Reads a {@code Retry-After} value: seconds, or an HTTP date.
     *
     * @return the delay, at most a day and never negative; empty if there is none or it cannot be read
     */
    static Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Seven digits are more than a day already, and more than 18 would not fit in a long.
            return Optional.of(text.length() > 6 ? LONGEST_DELAY
                    : atMostADay(Duration.ofSeconds(Long.parseLong(text))));
        }
        try {
            Duration until = Duration.between(Instant.now(),
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : atMostADay(until));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration atMostADay(Duration delay) {
        return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
    }

    private static boolean isEventStream(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** Sends the first request from the timer's thread, so that no callback runs on the caller's. */
    private void start() {
        synchronized (lock) {
            timer = timers.schedule(this::connect, 0, TimeUnit.MILLISECONDS);
        }
    }

    /** One attempt: builds the request and sends it; its answer is handled by {@link #answer} and {@link #finished}. */
    private void connect() {
        Map<String, String> extra;
        try {
            extra = headers.get(); // outside the lock: fetching a token may take a while
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (state != State.CLOSED) {
                    reconnectAfter(backoff(), e);
                }
            }
            return;
        }
        Attempt attempt;
        HttpRequest request;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            try {
                request = request(extra == null ? Map.of() : extra);
            } catch (IllegalArgumentException badHeader) { // the supplier's mistake: no retry will fix it
                closeForGood(badHeader);
                return;
            }
            attempt = new Attempt();
            current = attempt;
            timer = null;
            state = State.CONNECTING;
        }
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = http.sendAsync(request, info -> answer(attempt, info));
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (isCurrent(attempt)) {
                    closeForGood(e);
                }
            }
            return;
        }
        synchronized (lock) {
            attempt.response = response;
            if (!isCurrent(attempt)) {
                response.cancel(true); // closed while it was being sent
            }
        }
        // The HttpClient completes its futures on a pool of its choosing (the common ForkJoinPool, which on a small
        // machine is a new thread per task): the end of an attempt is handled on the timer's thread instead.
        response.whenComplete((answer, error) -> {
            try {
                timers.execute(() -> finished(attempt, answer, error));
            } catch (RejectedExecutionException shutDown) {
                synchronized (lock) {
                    if (isCurrent(attempt)) {
                        closeForGood(shutDown);
                    }
                }
            }
        });
    }

    private HttpRequest request(Map<String, String> extra) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(responseTimeout);
        extra.forEach(request::header);
        // Set after the supplier's headers, so that these win.
        request.setHeader("Accept", "text/event-stream");
        request.setHeader("Cache-Control", "no-store");
        String id = lastEventId;
        if (id != null && !id.isEmpty()) {
            if (id.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
                request.setHeader("Last-Event-ID", id);
            } else {
                // The HttpClient refuses such a header value; resuming from the start beats not connecting.
                LOG.log(System.Logger.Level.DEBUG, "event stream {0}: last event id not sendable as a header",
                        uri.getPath());
            }
        }
        return request.build();
    }

    /** The answer's status line and headers have arrived: decides how to read its body. */
    private HttpResponse.BodySubscriber<String> answer(Attempt attempt, HttpResponse.ResponseInfo info) {
        String contentType = info.headers().firstValue("Content-Type").orElse("");
        attempt.status = info.statusCode();
        attempt.contentType = contentType;
        attempt.retryAfter = info.headers().firstValue("Retry-After").orElse(null);
        if (info.statusCode() == 200 && isEventStream(contentType)) {
            synchronized (lock) {
                if (!isCurrent(attempt)) {
                    return new BodyPrefix(0);
                }
                state = State.OPEN;
                unauthorizedRetried = false;
                call(EventStreamListener::onOpen);
            }
            // The standard: an event stream is always UTF-8, whatever its content type says; lines may end in
            // \n, \r\n or \r (a null separator).
            return HttpResponse.BodySubscribers.fromLineSubscriber(attempt, lines -> null, StandardCharsets.UTF_8,
                    null);
        }
        return new BodyPrefix(info.statusCode() == 204 ? 0 : BODY_PREFIX_BYTES);
    }

    /** The attempt is over: the stream ended or failed, or a refusal's body has been read. */
    private void finished(Attempt attempt, HttpResponse<String> response, Throwable error) {
        synchronized (lock) {
            if (!isCurrent(attempt)) {
                return; // closed, and already told
            }
            if (error != null) {
                reconnectAfter(backoff(), error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
                return;
            }
            int status = attempt.status;
            if (status == 200 && isEventStream(attempt.contentType)) {
                reconnectAfter(backoff(), new EOFException("the server ended the stream"));
                return;
            }
            if (status == 204) {
                LOG.log(System.Logger.Level.DEBUG, "event stream {0}: 204, stopping", uri.getPath());
                closeForGood(null);
                return;
            }
            EventStreamException refusal = refusal(attempt, response.body());
            if (status == 429 || status == 503) {
                reconnectAfter(retryAfter(attempt.retryAfter).orElseGet(this::backoff), refusal);
            } else if (status == 401 && !unauthorizedRetried) {
                unauthorizedRetried = true;
                reconnectAfter(Duration.ZERO, refusal); // connect() asks the supplier for fresh headers
            } else {
                closeForGood(refusal);
            }
        }
    }

    private static EventStreamException refusal(Attempt attempt, String body) {
        String type = attempt.contentType.isEmpty() ? "no content type" : "content type " + attempt.contentType;
        String text = body == null || body.isBlank() ? "" : ": " + body.strip();
        return new EventStreamException(attempt.status,
                "event stream refused: status " + attempt.status + ", " + type + text);
    }

    /** Under the lock. */
    private void reconnectAfter(Duration delay, Throwable reason) {
        state = State.WAITING;
        current = null;
        failuresInARow = Math.min(failuresInARow + 1, 1_000);
        LOG.log(System.Logger.Level.DEBUG, "event stream {0}: reconnecting in {1} ms ({2})", uri.getPath(),
                delay.toMillis(), reason instanceof EventStreamException refused
                        ? "status " + refused.status() : reason.getClass().getName());
        call(l -> l.onReconnecting(delay, reason));
        if (state == State.CLOSED) {
            return; // the listener closed the client
        }
        try {
            timer = timers.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            closeForGood(shutDown);
        }
    }

    /** Under the lock: a delay drawn between zero and the ceiling. */
    private Duration backoff() {
        long ceiling = ceiling(reconnectDelay, maxBackoff, failuresInARow).toMillis();
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** Under the lock. */
    private void closeForGood(Throwable failure) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        Attempt attempt = current;
        current = null;
        if (attempt != null) {
            attempt.cancel();
        }
        LOG.log(System.Logger.Level.DEBUG, "event stream {0}: closed{1}", uri.getPath(), failure == null ? ""
                : " after " + (failure instanceof EventStreamException refused
                        ? "status " + refused.status() : failure.getClass().getName()));
        try {
            listener.onClosed(failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event stream listener threw {0}", e.getClass().getName());
        }
    }

    /** Under the lock: a callback, unless the client is closed. */
    private void call(Consumer<EventStreamListener> callback) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            callback.accept(listener);
        } catch (RuntimeException e) {
            // Its message may hold event data: the type only.
            LOG.log(System.Logger.Level.WARNING, "event stream listener threw {0}", e.getClass().getName());
        }
    }

    /** Under the lock. */
    private boolean isCurrent(Attempt attempt) {
        return state != State.CLOSED && current == attempt;
    }

    /**
     * One connection attempt: the lines of its stream and their parser. A new parser per attempt, as the standard
     * starts each connection afresh; the client keeps the last event id across them.
     */
    private final class Attempt implements Flow.Subscriber<String>, SseParser.Listener {
        private final SseParser parser = new SseParser(this);
        // Written by answer() before the body is read, read by finished() after: the response's future orders them.
        private int status;
        private String contentType = "";
        private String retryAfter;
        // Guarded by lock.
        private CompletableFuture<HttpResponse<String>> response;
        private Flow.Subscription lines;
        private boolean firstLine = true;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            synchronized (lock) {
                lines = subscription;
                if (!isCurrent(this)) {
                    subscription.cancel();
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onNext(String line) {
            synchronized (lock) {
                if (!isCurrent(this)) {
                    lines.cancel();
                    return;
                }
                if (firstLine && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // the standard drops one byte order mark at the start
                }
                firstLine = false;
                try {
                    parser.line(line);
                } catch (NumberFormatException hugeRetry) {
                    // A retry: of more digits than a long holds; the standard sets no limit, we ignore the line.
                }
                if (line.isEmpty() && parser.lastEventId() != null && isCurrent(this)) {
                    // The standard updates the last event id at every blank line, an event dispatched or not.
                    lastEventId = parser.lastEventId();
                }
            }
            lines.request(1);
        }

        @Override
        public void onError(Throwable error) {
            // finished() gets the same error through the response's future.
        }

        @Override
        public void onComplete() {
            // finished() learns of the end through the response's future.
        }

        @Override
        public void onEvent(String id, String event, String data) {
            // The parser knows only this connection's ids; until it has one, the id carried over is the event's.
            String eventId = id != null ? id : lastEventId;
            lastEventId = eventId;
            failuresInARow = 0;
            call(l -> l.onEvent(new StreamEvent(eventId, event, data)));
        }

        @Override
        public void onComment(String text) {
            call(l -> l.onComment(text));
        }

        @Override
        public void onRetry(long millis) {
            reconnectDelay = atMostADay(Duration.ofMillis(millis));
        }

        /** Under the lock. */
        void cancel() {
            if (lines != null) {
                lines.cancel();
            }
            if (response != null) {
                response.cancel(true);
            }
        }
    }

    /**
     * Reads at most {@code limit} bytes of a body as UTF-8, then stops reading (the connection is closed rather
     * than drained), so a refusal with a huge or endless body costs at most the limit.
     */
    private static final class BodyPrefix implements HttpResponse.BodySubscriber<String> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BodyPrefix(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (limit == 0) {
                subscription.cancel();
                finish();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                finish();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            finish(); // the status decides; a body cut short still says what it said
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void finish() {
            body.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** The shared defaults, made on first use. */
    private static final class Defaults {
        // HTTP/1.1: otherwise the HttpClient offers an h2c upgrade on every plain-text request (see the kit's README).
        // Redirects are not followed, so that a header such as Authorization never goes to another origin.
        static final HttpClient HTTP = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        static final ScheduledExecutorService TIMERS = timers();

        private static ScheduledExecutorService timers() {
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "event-stream-reconnect");
                thread.setDaemon(true); // a timer must not keep the JVM alive
                return thread;
            });
            timers.setRemoveOnCancelPolicy(true); // a closed client's timer leaves the queue at once
            return timers;
        }
    }

    /** Describes a client; {@link #connect()} builds and starts it. Not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private Supplier<Map<String, String>> headers = Map::of;
        private EventStreamListener listener;
        private HttpClient http;
        private ScheduledExecutorService timers;
        private Duration reconnectDelay = Duration.ofSeconds(3);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private String lastEventId;

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("an event stream needs an http:// or https:// URI, got scheme "
                        + (scheme.isEmpty() ? "none" : scheme));
            }
            this.uri = uri;
        }

        /**
         * Extra request headers, asked for on every attempt, reconnects included. {@code Accept},
         * {@code Cache-Control} and {@code Last-Event-ID} are the client's own and replace the supplier's.
         * A supplier that throws counts as a failed attempt (the client reconnects after the backoff); a header
         * the {@code HttpClient} refuses (for example {@code Connection}) closes the client with that failure.
         *
         * @param headers for example {@code () -> Map.of("Authorization", "Bearer " + tokens.current())}
         * @return this builder
         */
        public Builder headers(Supplier<Map<String, String>> headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /**
         * Who hears what happens. Required.
         *
         * @param listener see {@link EventStreamListener} for its threads
         * @return this builder
         */
        public Builder listener(EventStreamListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The {@code HttpClient} to send with. Default: one shared by every client that sets none, HTTP/1.1,
         * a 10 s connect timeout, redirects not followed.
         *
         * @param http an {@code HttpClient}; one for HTTP/1.1 unless the server speaks HTTP/2
         * @return this builder
         */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * Runs the reconnect timers, and the header supplier on reconnects. Default: one daemon thread shared by
         * every client that sets none. The client never shuts it down.
         *
         * @param timers a scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService timers) {
            this.timers = Objects.requireNonNull(timers, "timers");
            return this;
        }

        /**
         * The base reconnection delay until the server sends {@code retry:}. Default 3 s, as browsers.
         *
         * @param delay zero or more
         * @return this builder
         */
        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = atMostADay(nonNegative(delay, "reconnectDelay"));
            return this;
        }

        /**
         * The most the backoff's ceiling grows to. Default 30 s.
         *
         * @param max zero or more
         * @return this builder
         */
        public Builder maxBackoff(Duration max) {
            this.maxBackoff = atMostADay(nonNegative(max, "maxBackoff"));
            return this;
        }

        /**
         * How long an attempt waits for the answer's status line and headers (not for events: a stream may be
         * quiet for as long as it likes). An attempt that times out counts as a failed one. Default 30 s.
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("responseTimeout must be positive, got " + timeout);
            }
            this.responseTimeout = timeout;
            return this;
        }

        /**
         * The id to resume after on the first attempt, for example one kept from an earlier run.
         *
         * @param id sent as {@code Last-Event-ID}; null or empty for none
         * @return this builder
         */
        public Builder lastEventId(String id) {
            this.lastEventId = id;
            return this;
        }

        /**
         * Builds the client and starts it: its first request is sent from the timer's thread at once, and the answer
         * comes to the listener.
         *
         * @return the client, connecting
         * @throws IllegalStateException if no listener was set
         * @throws RejectedExecutionException if the scheduler is shut down
         */
        public EventStreamClient connect() {
            if (listener == null) {
                throw new IllegalStateException("an event stream client needs a listener");
            }
            EventStreamClient client = new EventStreamClient(this);
            client.start();
            return client;
        }

        private static Duration nonNegative(Duration duration, String name) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + duration);
            }
            return duration;
        }
    }
}
