package dev.realtimelessons.lesson05.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection of a {@link RealtimeClient}, on the JDK's {@link WebSocket}: it assembles text frames
 * into whole messages, hands every event over to the client's thread, and sends one message at a time.
 *
 * <p>The JDK calls a listener one call at a time, so the frame assembly needs no lock. It refuses a
 * {@code sendText} while the previous one is incomplete, so sends are chained, each starting when the one
 * before it has finished.
 */
final class Connection implements WebSocket.Listener {

    /** What a connection reports; always called on the client's thread. */
    interface Events {

        /**
         * A whole text message arrived.
         *
         * @param connection the connection it came on
         * @param text       the message
         */
        void message(Connection connection, String text);

        /**
         * The connection closed or failed.
         *
         * @param connection the connection
         * @param why        how it ended: the server's close code, or a failure without one
         */
        void lost(Connection connection, Disconnect why);
    }

    /** How long a normal close waits for the server's close frame before dropping the TCP connection. */
    private static final long CLOSE_GRACE_SECONDS = 5;

    private final Executor clientThread;
    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean abandoned;
    private CompletableFuture<Void> lastSend = CompletableFuture.completedFuture(null); // guarded by this

    /** Whether the server's {@code connected} message arrived on this connection; the client's thread only. */
    boolean ready;

    /**
     * Creates a connection, not open yet: hand it to {@code WebSocket.Builder.buildAsync} as the listener.
     *
     * @param clientThread where events are handed over
     * @param events       who hears of them
     */
    Connection(Executor clientThread, Events events) {
        this.clientThread = clientThread;
        this.events = events;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        if (abandoned) { // the client gave this connection up while its handshake was still running
            webSocket.abort();
            return;
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data); // a copy: the JDK may reuse data once this method returns
        if (!last) {
            webSocket.request(1);
            return null;
        }
        String text = partial.toString();
        partial.setLength(0);
        // Ask for the next message only once the client has handled this one: a slow handler slows the reading
        // (and, through TCP, the server) instead of filling this process's memory.
        report(() -> {
            try {
                events.message(this, text);
            } finally {
                webSocket.request(1);
            }
        });
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1); // the protocol has no binary messages: ignore them
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        String why = "closed by the server: " + statusCode + (reason.isEmpty() ? "" : " " + reason);
        report(() -> events.lost(this, Disconnect.closed(statusCode, why)));
        return null; // the JDK answers with a close frame, which ends the connection
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        report(() -> events.lost(this, Disconnect.failed("failed: " + error)));
    }

    /**
     * Sends one text message after those sent before it.
     *
     * @param text the message
     * @return completes when the JDK has written it, or fails if it could not
     */
    synchronized CompletableFuture<Void> send(String text) {
        WebSocket webSocket = socket;
        if (webSocket == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not open yet"));
        }
        // A failed send does not stop the ones after it: the connection's own failure is reported by onError.
        lastSend = lastSend.exceptionally(failure -> null)
                .thenCompose(previous -> webSocket.sendText(text, true))
                .thenApply(sent -> null);
        return lastSend;
    }

    /** Closes normally (1000), giving the server a few seconds to answer before the TCP connection is dropped. */
    void close() {
        abandoned = true;
        WebSocket webSocket = socket;
        if (webSocket != null) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").whenComplete((sent, failure) ->
                    CompletableFuture.delayedExecutor(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS).execute(webSocket::abort));
        }
    }

    /** Drops the connection at once, without a close frame, even if its handshake has not finished yet. */
    void abort() {
        abandoned = true;
        WebSocket webSocket = socket;
        if (webSocket != null) {
            webSocket.abort();
        }
    }

    private void report(Runnable event) {
        try {
            clientThread.execute(event);
        } catch (RejectedExecutionException closed) {
            abort(); // the client is closed: nobody listens to this connection any more
        }
    }
}
