package dev.realtimelessons.kit.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.client.WholeTextListener;
import dev.realtimelessons.kit.json.Json;

/**
 * A WebSocket client for tests, on the JDK's {@link java.net.http.WebSocket}.
 *
 * <p>Every text message that arrives is queued. The {@code await...} methods take the first queued message that
 * matches, waiting up to a timeout; when none arrives they fail with an {@link AssertionError} that says what was
 * expected and lists what did arrive. Sends wait for the previous send to finish, as the JDK requires.
 */
public final class WsTestClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Object lock = new Object();
    private final List<String> unread = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private CloseStatus closeStatus;
    private Throwable error;
    private final WebSocket socket;

    private WsTestClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        headers.forEach(builder::header);
        try {
            socket = builder.buildAsync(uri, new Listener()).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("could not open a WebSocket to " + uri + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("could not open a WebSocket to " + uri + " within " + CONNECT_TIMEOUT, e);
        }
    }

    /**
     * Opens a connection, waiting up to 5 s for the handshake.
     *
     * @param uri a {@code ws://} URI
     * @return the connected client
     * @throws AssertionError if the handshake fails
     */
    public static WsTestClient connect(URI uri) {
        return new WsTestClient(uri, Map.of());
    }

    /**
     * Opens a connection with extra handshake headers (for example {@code Authorization}).
     *
     * @param uri     a {@code ws://} URI
     * @param headers header names and values
     * @return the connected client
     * @throws AssertionError if the handshake fails
     */
    public static WsTestClient connect(URI uri, Map<String, String> headers) {
        return new WsTestClient(uri, headers);
    }

    /**
     * Sends a value as one JSON text message ({@link String}s are sent as they are).
     *
     * @param message a record, map, {@link JsonNode} or ready-made text
     */
    public void send(Object message) {
        String text = message instanceof String s ? s : Json.write(message);
        synchronized (socket) {
            try {
                socket.sendText(text, true).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("send failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException | TimeoutException e) {
                throw new AssertionError("send did not complete within " + CONNECT_TIMEOUT, e);
            }
        }
    }

    /**
     * Takes the next message whatever it is.
     *
     * @param timeout how long to wait
     * @return the message as a JSON tree
     * @throws AssertionError if nothing arrives in time
     */
    public JsonNode awaitJson(Duration timeout) {
        return Json.tree(await(text -> true, "any message", timeout));
    }

    /**
     * Takes the first message whose {@code type} field is {@code type}; other messages stay queued.
     *
     * @param type    the expected type, for example {@code "pong"}
     * @param timeout how long to wait
     * @return the message as a JSON tree
     * @throws AssertionError if no such message arrives in time
     */
    public JsonNode awaitMessage(String type, Duration timeout) {
        return Json.tree(await(text -> type.equals(typeOf(text)), "a message of type '" + type + "'", timeout));
    }

    /**
     * Takes the answer to a request: the first message whose {@code id} is {@code id}, an {@code ack} or an
     * {@code error}; other messages stay queued.
     *
     * @param id      the request's id
     * @param timeout how long to wait
     * @return the answer as a JSON tree
     * @throws AssertionError if no answer arrives in time
     */
    public JsonNode awaitAnswer(String id, Duration timeout) {
        return Json.tree(await(text -> id.equals(field(text, "id")), "the answer to request '" + id + "'", timeout));
    }

    /**
     * Waits for the server to close the connection.
     *
     * @param timeout how long to wait
     * @return the close code and reason the server sent
     * @throws AssertionError if the connection is still open after the timeout
     */
    public CloseStatus awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (closeStatus == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected the server to close the connection within " + timeout
                            + ", but it is still open; received " + describe());
                }
                waitOn(left);
            }
            return closeStatus;
        }
    }

    /**
     * Every message received so far, read or not, oldest first.
     *
     * @return a copy
     */
    public List<String> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /**
     * How the server closed the connection, if it has.
     *
     * @return the close status, or empty while open
     */
    public Optional<CloseStatus> closeStatus() {
        synchronized (lock) {
            return Optional.ofNullable(closeStatus);
        }
    }

    /** Closes the connection normally (1000) and does not wait for the answer. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    /** Drops the TCP connection without a close frame, as a crashed client would. */
    public void abort() {
        socket.abort();
    }

    private String await(Predicate<String> matches, String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                for (int i = 0; i < unread.size(); i++) {
                    if (matches.test(unread.get(i))) {
                        return unread.remove(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closeStatus != null || error != null) {
                    String why = closeStatus != null ? " the connection was closed (" + closeStatus + ")"
                            : error != null ? " the connection failed (" + error + ")"
                            : " none arrived within " + timeout;
                    throw new AssertionError("expected " + expected + ", but" + why + "; received " + describe());
                }
                waitOn(left);
            }
        }
    }

    private String describe() {
        int shown = Math.min(received.size(), 5);
        List<String> last = received.subList(received.size() - shown, received.size()).stream()
                .map(text -> text.length() <= 160 ? text : text.substring(0, 160) + "...(" + text.length() + " chars)")
                .toList();
        return received.size() + " message(s)" + (shown == 0 ? "" : ", the last " + shown + ": " + last);
    }

    private void waitOn(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    private static String typeOf(String text) {
        return field(text, "type");
    }

    private static String field(String text, String name) {
        try {
            JsonNode field = Json.tree(text).get(name);
            return field == null ? null : field.asText();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * How a connection was closed.
     *
     * @param code   the close code, for example 1000 or 1009
     * @param reason the reason text, possibly empty
     */
    public record CloseStatus(int code, String reason) {
        @Override
        public String toString() {
            return code + (reason.isEmpty() ? "" : " '" + reason + "'");
        }
    }

    /** Queues each whole text message and notes how the connection ended. */
    private final class Listener extends WholeTextListener {

        Listener() {
            super(text -> {
                synchronized (lock) {
                    unread.add(text);
                    received.add(text);
                    lock.notifyAll();
                }
            });
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            synchronized (lock) {
                closeStatus = new CloseStatus(statusCode, reason);
                lock.notifyAll();
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable failure) {
            synchronized (lock) {
                error = failure;
                lock.notifyAll();
            }
        }
    }
}
