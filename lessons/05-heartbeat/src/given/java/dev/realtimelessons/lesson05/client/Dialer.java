package dev.realtimelessons.lesson05.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Opens the connections of a {@link RealtimeClient}: one WebSocket handshake per attempt, with the headers of that
 * attempt, and a limit on how long the server may take to send {@code connected}. Every way an attempt can fail
 * is reported as a {@link Disconnect} to the connection's events, on the client's thread, never by an exception.
 */
final class Dialer {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;
    private final Map<String, String> fixedHeaders;
    private final Supplier<Map<String, String>> freshHeaders;
    private final Duration timeout;
    private final ClientThread thread;

    /**
     * Creates a dialer.
     *
     * @param uri          the server's endpoint
     * @param fixedHeaders sent on every handshake
     * @param freshHeaders asked for again before every handshake; they override the fixed ones
     * @param timeout      the limit for the handshake, and then for the {@code connected} message
     * @param thread       the client's thread, where events are reported
     */
    Dialer(URI uri, Map<String, String> fixedHeaders, Supplier<Map<String, String>> freshHeaders, Duration timeout,
           ClientThread thread) {
        this.uri = uri;
        this.fixedHeaders = Map.copyOf(fixedHeaders);
        this.freshHeaders = freshHeaders;
        this.timeout = timeout;
        this.thread = thread;
    }

    /**
     * Starts one attempt. If it fails, {@code events.lost} is called with why: {@link Disconnect.Kind#REFUSED} and
     * the HTTP status for a refused handshake, {@link Disconnect.Kind#FAILED} for anything else, including no
     * {@code connected} within the timeout (the connection is then aborted). The caller marks the connection
     * {@link Connection#ready} when {@code connected} arrives. Call on the client's thread.
     *
     * @param events who hears of the connection
     * @return the connection, not open yet
     */
    Connection dial(Connection.Events events) {
        Connection connection = new Connection(thread.executor(), events);
        try {
            WebSocket.Builder handshake = http.newWebSocketBuilder().connectTimeout(timeout);
            Map<String, String> headers = new LinkedHashMap<>(fixedHeaders);
            headers.putAll(freshHeaders.get()); // per attempt: a token may have expired since the last one
            headers.forEach(handshake::header);
            handshake.buildAsync(uri, connection).whenComplete((webSocket, failure) -> thread.execute(() -> {
                if (failure != null) {
                    events.lost(connection, disconnect(failure));
                } else {
                    thread.later(timeout, () -> awaitedConnected(connection, events));
                }
            }));
        } catch (RuntimeException e) { // a header the JDK refuses, a header supplier that failed
            // Reported later, not now: the caller has not yet made this connection its current one.
            thread.execute(() -> events.lost(connection, Disconnect.failed("could not connect: " + describe(e))));
        }
        return connection;
    }

    private void awaitedConnected(Connection connection, Connection.Events events) {
        if (!connection.ready) {
            connection.abort();
            events.lost(connection, Disconnect.failed("no connected message within " + timeout.toMillis() + " ms"));
        }
    }

    private static Disconnect disconnect(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return Disconnect.refused(status, "the server refused the handshake with HTTP " + status);
        }
        return Disconnect.failed("could not connect: " + describe(cause));
    }

    /**
     * Describes a failure for the log and the state listeners.
     *
     * @param failure the failure
     * @return its type and message
     */
    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /**
     * The URI without its query, which may hold a token: how the log names the server.
     *
     * @param uri the URI
     * @return scheme, host, port and path
     */
    static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
