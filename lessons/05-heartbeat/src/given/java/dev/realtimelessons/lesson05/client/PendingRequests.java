package dev.realtimelessons.lesson05.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.lesson02.protocol.ClientRequest;
import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * The requests that wait for their answer, by {@code id}. The protocol promises exactly one answer per
 * {@code id}; this table turns it into exactly one completion per future: the answer, an {@code error}, a
 * timeout, or a lost connection, whichever comes first. Whatever comes later for the same id finds nothing.
 *
 * <p>Confined to the client's thread, which is also the thread of {@code timers}.
 */
final class PendingRequests {

    /** Runs on the client's thread when a request is settled, before its future completes. */
    @FunctionalInterface
    interface Outcome {

        /** No-op, for requests without side effects. */
        Outcome NONE = (answer, failure) -> {
        };

        /**
         * The request was settled.
         *
         * @param answer  the answer, or null if it failed
         * @param failure why it failed, or null if it was answered
         */
        void settled(JsonNode answer, RequestFailedException failure);
    }

    private record Entry(CompletableFuture<JsonNode> future, Outcome outcome, ScheduledFuture<?> timer) {
    }

    private static final System.Logger LOG = System.getLogger(PendingRequests.class.getName());

    private final Map<String, Entry> byId = new HashMap<>();
    private final ScheduledExecutorService timers;
    private final Duration timeout;
    private long lastId;

    /**
     * Creates an empty table.
     *
     * @param timers  the client's thread, where the timeouts fire
     * @param timeout how long a request waits for its answer
     */
    PendingRequests(ScheduledExecutorService timers, Duration timeout) {
        this.timers = timers;
        this.timeout = timeout;
    }

    /**
     * Gives a request a fresh {@code id}, sends it, and waits for its answer. A request is sent once, never again:
     * after a timeout or a lost connection the server may or may not have carried it out.
     *
     * @param connection the established connection
     * @param request    the request, sent with the fresh {@code id}
     * @param future     completed with the answer, or failed
     * @param outcome    runs first
     */
    void send(Connection connection, ClientRequest request, CompletableFuture<JsonNode> future, Outcome outcome) {
        String id = Long.toString(++lastId);
        add(id, future, outcome);
        connection.send(Json.write(request, ServerMessage.ID, id)).whenComplete((sent, failure) -> {
            if (failure != null) {
                try {
                    timers.execute(() -> fail(id, new RequestFailedException(RequestFailedException.NOT_CONNECTED,
                            "could not send: " + Dialer.describe(failure))));
                } catch (RejectedExecutionException closed) {
                    // the client is closed: every request has failed already
                }
            }
        });
    }

    /**
     * Waits for the answer to a request that is being sent, failing it with {@code timeout} if none arrives in
     * time.
     *
     * @param id      the request's id
     * @param future  completed with the answer, or failed
     * @param outcome runs first
     */
    private void add(String id, CompletableFuture<JsonNode> future, Outcome outcome) {
        ScheduledFuture<?> timer = timers.schedule(() -> settle(id, null, new RequestFailedException(
                RequestFailedException.TIMEOUT, "no answer within " + timeout.toMillis() + " ms")),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        byId.put(id, new Entry(future, outcome, timer));
    }

    /**
     * Settles the request a server message answers, if it is one: {@code error} fails it, anything else
     * completes it.
     *
     * @param id      the id the message carries
     * @param message the message
     * @return whether the message answered a waiting request
     */
    boolean answer(String id, JsonNode message) {
        if ("error".equals(message.path("type").asText())) {
            return settle(id, null, new RequestFailedException(message.path("code").asText("error"),
                    message.path("message").asText("the server refused the request")));
        }
        return settle(id, message, null);
    }

    /**
     * Fails one request, if it still waits.
     *
     * @param id      the request's id
     * @param failure why
     */
    void fail(String id, RequestFailedException failure) {
        settle(id, null, failure);
    }

    /**
     * Fails every waiting request, for example when the connection is lost.
     *
     * @param failure why
     */
    void failAll(RequestFailedException failure) {
        for (String id : new ArrayList<>(byId.keySet())) {
            settle(id, null, failure);
        }
    }

    private boolean settle(String id, JsonNode answer, RequestFailedException failure) {
        Entry entry = byId.remove(id);
        if (entry == null) {
            return false; // settled already: a late answer after a timeout, or a timer after the answer
        }
        entry.timer().cancel(false);
        try {
            entry.outcome().settled(answer, failure);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handling the answer to request " + id + " failed", e);
        }
        if (failure == null) {
            entry.future().complete(answer);
        } else {
            entry.future().completeExceptionally(failure);
        }
        return true;
    }
}
