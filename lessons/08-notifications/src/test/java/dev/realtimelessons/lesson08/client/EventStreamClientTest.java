package dev.realtimelessons.lesson08.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.server.RealtimeServer;

@DisplayName("EventStreamClient: an SSE client that reconnects and resumes (given code)")
class EventStreamClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    // Long enough for a wrongly scheduled reconnect (every delay in these tests is under 100 ms) to show up.
    private static final Duration QUIET = Duration.ofMillis(500);

    private final ScriptedStreamHandler handler = new ScriptedStreamHandler();
    private final Recorder recorder = new Recorder();
    private final List<EventStreamClient> clients = new ArrayList<>();
    private RealtimeServer server;

    @BeforeEach
    void startServer() {
        server = RealtimeServer.builder().http("/sse", handler).start();
    }

    @AfterEach
    void stopEverything() {
        clients.forEach(EventStreamClient::close);
        server.close();
        assertThat(recorder.overlapped).as("two callbacks of one client ran at once").isFalse();
        assertThat(recorder.afterClose).as("callbacks after close() returned").isEmpty();
    }

    @Test
    @DisplayName("events arrive in order with their ids, names and data, after onOpen and a comment")
    void deliversEventsWithIds() {
        EventStreamClient client = connect(fastClient());

        awaitIds("1", "2", "3");
        assertThat(recorder.events).containsExactly(new StreamEvent("1", "note", "note 1"),
                new StreamEvent("2", "note", "note 2"), new StreamEvent("3", "note", "note 3"));
        assertThat(recorder.calls).startsWith("open", "comment open", "event 1");
        assertThat(client.isOpen()).isTrue();
        assertThat(client.lastEventId()).isEqualTo("3");
        assertThat(handler.received()).singleElement().satisfies(request -> {
            assertThat(request.accept()).isEqualTo("text/event-stream");
            assertThat(request.cacheControl()).isEqualTo("no-store");
            assertThat(request.lastEventId()).as("Last-Event-ID before any id").isNull();
        });
    }

    @Test
    @DisplayName("a starting last event id is sent on the first request, and the stream resumes after it")
    void sendsTheStartingLastEventId() {
        connect(fastClient().lastEventId("7"));

        awaitIds("8", "9", "10");
        assertThat(handler.received().get(0).lastEventId()).isEqualTo("7");
    }

    @Test
    @DisplayName("when the server ends the stream, the client reconnects with Last-Event-ID: nothing missed or doubled")
    void reconnectsAfterTheEndOfTheStream() {
        handler.then(ScriptedStreamHandler.stream(3, true, null));
        connect(fastClient());

        awaitIds("1", "2", "3", "4", "5", "6");
        assertThat(handler.received()).extracting(ScriptedStreamHandler.Received::lastEventId)
                .containsExactly(null, "3");
        assertThat(recorder.reasons).singleElement().isInstanceOf(EOFException.class);
        assertThat(recorder.calls).containsSubsequence("event 3", "reconnecting", "open", "event 4");
    }

    @Test
    @DisplayName("after the server stops and starts again on the same port, the client resumes from the last id seen")
    void resumesAfterAServerRestart() {
        EventStreamClient client = connect(fastClient());
        awaitIds("1", "2", "3");

        int port = server.port();
        server.close();
        await("the client to notice that the server is gone").atMost(WAIT).until(() -> !client.isOpen());
        server = RealtimeServer.builder().port(port).http("/sse", handler).start();

        awaitIds("1", "2", "3", "4", "5", "6");
        assertThat(handler.received()).extracting(ScriptedStreamHandler.Received::lastEventId)
                .containsExactly(null, "3");
        assertThat(client.lastEventId()).isEqualTo("6");
    }

    @Test
    @DisplayName("the server's retry field replaces the reconnection delay")
    void honoursTheRetryField() {
        handler.then(ScriptedStreamHandler.stream(2, true, 100L));
        // Ten minutes unless the server's 100 ms replaces it: only a delay drawn from the server's would be so short.
        connect(EventStreamClient.builder(uri()).listener(recorder)
                .reconnectDelay(Duration.ofMinutes(10)).maxBackoff(Duration.ofHours(1)));

        await("onReconnecting after the end of the first stream").atMost(WAIT)
                .until(() -> !recorder.delays.isEmpty());
        assertThat(recorder.delays.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        awaitIds("1", "2", "3", "4", "5");
    }

    @Test
    @DisplayName("the backoff's ceiling doubles from the base up to the maximum while connections deliver nothing")
    void growsTheDelayUpToTheMaximum() {
        for (int i = 0; i < 4; i++) {
            handler.then(ScriptedStreamHandler.stream(0, true, null));
        }
        connect(EventStreamClient.builder(uri()).listener(recorder)
                .reconnectDelay(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(40)));

        awaitIds("1", "2", "3");
        assertThat(recorder.delays).hasSize(4);
        assertThat(recorder.delays.get(0)).isLessThanOrEqualTo(Duration.ofMillis(10));
        assertThat(recorder.delays.get(1)).isLessThanOrEqualTo(Duration.ofMillis(20));
        assertThat(recorder.delays.get(2)).isLessThanOrEqualTo(Duration.ofMillis(40));
        assertThat(recorder.delays.get(3)).isLessThanOrEqualTo(Duration.ofMillis(40));
        assertThat(EventStreamClient.ceiling(Duration.ofMillis(100), Duration.ofSeconds(1), 0))
                .isEqualTo(Duration.ofMillis(100));
        assertThat(EventStreamClient.ceiling(Duration.ofMillis(100), Duration.ofSeconds(1), 3))
                .isEqualTo(Duration.ofMillis(800));
        assertThat(EventStreamClient.ceiling(Duration.ofMillis(100), Duration.ofSeconds(1), 4))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(EventStreamClient.ceiling(Duration.ofMillis(100), Duration.ofSeconds(1), 1_000))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(EventStreamClient.ceiling(Duration.ofMinutes(1), Duration.ofSeconds(30), 2))
                .as("a server's retry above the maximum is still honoured").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    @DisplayName("204 closes the client for good, without a failure and without reconnecting")
    void stopsOn204() {
        handler.then(ScriptedStreamHandler.status(204, null, "", Map.of()));
        EventStreamClient client = connect(fastClient());

        awaitClosed();
        assertThat(recorder.failures).containsExactly("none");
        assertThat(client.isOpen()).isFalse();
        assertNoMoreRequestsThan(1);
    }

    @Test
    @DisplayName("503 with Retry-After: 1 is retried after the second the server asked for")
    void retriesA503AfterRetryAfter() {
        handler.then(ScriptedStreamHandler.status(503, "application/json",
                "{\"error\":\"server_busy\",\"message\":\"try again soon\"}", Map.of("Retry-After", "1")));
        connect(fastClient());

        awaitIds("1", "2", "3");
        assertThat(recorder.delays).containsExactly(Duration.ofSeconds(1));
        assertThat(recorder.reasons).singleElement().isInstanceOfSatisfying(EventStreamException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("503", "server_busy");
        });
    }

    @Test
    @DisplayName("a 401 asks the header supplier again and retries at once with the fresh headers")
    void retriesA401OnceWithFreshHeaders() {
        handler.then(ScriptedStreamHandler.status(401, "application/json", "{\"error\":\"token_expired\"}", Map.of()));
        AtomicInteger tokens = new AtomicInteger();
        connect(fastClient().headers(() -> Map.of("Authorization", "Bearer token-" + tokens.incrementAndGet())));

        awaitIds("1", "2", "3");
        assertThat(handler.received()).extracting(ScriptedStreamHandler.Received::authorization)
                .containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(recorder.delays).containsExactly(Duration.ZERO);
    }

    @Test
    @DisplayName("a second 401 in a row closes the client for good with the failure")
    void stopsAfterTwo401s() {
        String body = "{\"error\":\"token_invalid\",\"message\":\"bad signature\"}";
        handler.then(ScriptedStreamHandler.status(401, "application/json", body, Map.of()))
                .then(ScriptedStreamHandler.status(401, "application/json", body, Map.of()));
        AtomicInteger tokens = new AtomicInteger();
        connect(fastClient().headers(() -> Map.of("Authorization", "Bearer token-" + tokens.incrementAndGet())));

        awaitClosed();
        assertThat(recorder.closedWith).singleElement().isInstanceOfSatisfying(EventStreamException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains("401", "token_invalid");
        });
        assertNoMoreRequestsThan(2);
        assertThat(handler.received()).extracting(ScriptedStreamHandler.Received::authorization)
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    @DisplayName("another status closes the client for good, naming it, with at most 1 KiB of the body")
    void stopsOnAnotherStatus() {
        String body = "{\"error\":\"server_error\",\"message\":\"" + "x".repeat(5_000) + "\"}";
        handler.then(ScriptedStreamHandler.status(500, "application/json", body, Map.of()));
        connect(fastClient());

        awaitClosed();
        assertThat(recorder.closedWith).singleElement().isInstanceOfSatisfying(EventStreamException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.getMessage()).contains("status 500", "application/json", "server_error")
                    .hasSizeLessThan(EventStreamClient.BODY_PREFIX_BYTES + 100);
        });
        assertNoMoreRequestsThan(1);
    }

    @Test
    @DisplayName("a 200 that is not text/event-stream closes the client for good, naming the content type")
    void stopsOnAnotherContentType() {
        handler.then(ScriptedStreamHandler.status(200, "text/html", "<p>a login page</p>", Map.of()));
        connect(fastClient());

        awaitClosed();
        assertThat(recorder.closedWith).singleElement().isInstanceOfSatisfying(EventStreamException.class,
                e -> assertThat(e.getMessage()).contains("status 200", "text/html"));
        assertNoMoreRequestsThan(1);
    }

    @Test
    @DisplayName("close() while a reconnect is pending cancels it: onClosed once, no request after")
    void closeCancelsAPendingReconnect() {
        handler.then(ScriptedStreamHandler.status(503, null, "", Map.of("Retry-After", "3600")));
        EventStreamClient client = connect(fastClient());
        await("onReconnecting after the 503").atMost(WAIT).until(() -> !recorder.delays.isEmpty());

        closeFromTest(client);
        closeFromTest(client);

        assertThat(recorder.failures).containsExactly("none");
        assertThat(client.isOpen()).isFalse();
        assertNoMoreRequestsThan(1);
    }

    @Test
    @DisplayName("close() on an open stream ends it for good: onClosed once, and nothing after")
    void closeEndsAnOpenStream() {
        EventStreamClient client = connect(fastClient());
        awaitIds("1", "2", "3");

        closeFromTest(client);

        assertThat(recorder.failures).containsExactly("none");
        assertThat(recorder.calls).endsWith("closed");
        assertThat(client.isOpen()).isFalse();
        await("the server to find the stream's connection closed").atMost(WAIT)
                .until(() -> handler.pingOpenStreams() == 0);
        assertNoMoreRequestsThan(1);
    }

    @Test
    @DisplayName("the response timeout bounds the wait for the answer's headers, not a quiet stream")
    void aQuietStreamOutlivesTheResponseTimeout() {
        EventStreamClient client = connect(fastClient().responseTimeout(Duration.ofMillis(200)));
        awaitIds("1", "2", "3");

        await("the stream to stay open past the response timeout").during(Duration.ofSeconds(1))
                .atMost(WAIT).until(client::isOpen);
        assertThat(recorder.delays).as("reconnects").isEmpty();
        assertThat(handler.pingOpenStreams()).as("streams open at the server").isEqualTo(1);
    }

    @Test
    @DisplayName("Retry-After is read as seconds or as an HTTP date, and what cannot be read is ignored")
    void readsRetryAfter() {
        assertThat(EventStreamClient.retryAfter("1")).contains(Duration.ofSeconds(1));
        assertThat(EventStreamClient.retryAfter(" 120 ")).contains(Duration.ofMinutes(2));
        assertThat(EventStreamClient.retryAfter("99999999999999999999")).contains(Duration.ofDays(1));
        assertThat(EventStreamClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        assertThat(EventStreamClient.retryAfter(inAnHour)).hasValueSatisfying(delay ->
                assertThat(delay).isBetween(Duration.ofMinutes(55), Duration.ofHours(1)));
        assertThat(EventStreamClient.retryAfter("soon")).isEmpty();
        assertThat(EventStreamClient.retryAfter(null)).isEmpty();
    }

    private URI uri() {
        return server.uri("http", "/sse");
    }

    /** A client that comes back within milliseconds, so that the tests do not wait for the 3 s default. */
    private EventStreamClient.Builder fastClient() {
        return EventStreamClient.builder(uri()).listener(recorder)
                .reconnectDelay(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(80));
    }

    private EventStreamClient connect(EventStreamClient.Builder builder) {
        EventStreamClient client = builder.connect();
        clients.add(client);
        return client;
    }

    private void closeFromTest(EventStreamClient client) {
        client.close();
        recorder.closeReturned.set(true);
    }

    private void awaitIds(String... ids) {
        await("the events " + String.join(", ", ids)).atMost(WAIT)
                .untilAsserted(() -> assertThat(recorder.ids()).containsExactly(ids));
    }

    private void awaitClosed() {
        await("onClosed").atMost(WAIT).until(() -> !recorder.failures.isEmpty());
    }

    /** No further request arrives: a client that wrongly reconnected would within {@link #QUIET}. */
    private void assertNoMoreRequestsThan(int requests) {
        await("no request beyond the first " + requests).during(QUIET).atMost(QUIET.multipliedBy(4))
                .until(() -> handler.received().size() == requests);
    }

    /** Records every callback, and whether two of them ever overlapped or one came after close() returned. */
    private static final class Recorder implements EventStreamListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<StreamEvent> events = new CopyOnWriteArrayList<>();
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        final List<Throwable> reasons = new CopyOnWriteArrayList<>();
        final List<Throwable> closedWith = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> afterClose = new CopyOnWriteArrayList<>();
        final AtomicBoolean closeReturned = new AtomicBoolean();
        volatile boolean overlapped;
        private final AtomicInteger inside = new AtomicInteger();

        List<String> ids() {
            return events.stream().map(StreamEvent::id).toList();
        }

        @Override
        public void onOpen() {
            record("open");
        }

        @Override
        public void onEvent(StreamEvent event) {
            record("event " + event.id());
            events.add(event);
        }

        @Override
        public void onComment(String text) {
            record("comment " + text);
        }

        @Override
        public void onReconnecting(Duration delay, Throwable reason) {
            record("reconnecting");
            delays.add(delay);
            reasons.add(reason);
        }

        @Override
        public void onClosed(Throwable failure) {
            record("closed");
            if (failure != null) {
                closedWith.add(failure);
            }
            failures.add(failure == null ? "none" : failure.toString());
        }

        private void record(String call) {
            if (inside.incrementAndGet() != 1) {
                overlapped = true;
            }
            if (closeReturned.get()) {
                afterClose.add(call);
            }
            calls.add(call);
            inside.decrementAndGet();
        }
    }
}
