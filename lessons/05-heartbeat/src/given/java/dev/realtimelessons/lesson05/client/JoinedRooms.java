package dev.realtimelessons.lesson05.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ClientRequest;
import dev.realtimelessons.lesson03.RoomRequest;

/**
 * The rooms a {@link RealtimeClient} remembers, and their joins: a room is joined when the client connects (again),
 * with what its {@link RoomCursor} says, and each join's ack goes back to that cursor. Joins asked for while the
 * client is not connected wait for the next connection.
 *
 * <p>The map of rooms may be read from any thread ({@link #join} and {@link #forget} change it at once, so that
 * the client's {@code rooms()} shows them); everything else runs on the client's thread.
 */
final class JoinedRooms {

    /** Sends a request on the current connection, or fails it with {@code not_connected}. */
    @FunctionalInterface
    interface Sender {

        /**
         * Sends a request.
         *
         * @param request the request, without an id
         * @param answer  completed with the answer, or failed
         * @param outcome runs first, on the client's thread
         */
        void send(ClientRequest request, CompletableFuture<JsonNode> answer, PendingRequests.Outcome outcome);
    }

    private static final System.Logger LOG = System.getLogger(JoinedRooms.class.getName());

    private final Map<String, RoomFeed> rooms = new ConcurrentHashMap<>();
    private final Map<String, List<CompletableFuture<JsonNode>>> awaitingConnection = new HashMap<>();
    private final Sender sender;
    private final Handlers handlers;

    /**
     * Creates an empty set of rooms.
     *
     * @param sender   sends the joins
     * @param handlers gets what the cursors deliver, and the recoveries
     */
    JoinedRooms(Sender sender, Handlers handlers) {
        this.sender = sender;
        this.handlers = handlers;
    }

    /**
     * Remembers a room, at once, on any thread.
     *
     * @param room the room's name
     * @return its feed, new or remembered already
     */
    RoomFeed remember(String room) {
        return rooms.computeIfAbsent(room, RoomFeed::new);
    }

    /**
     * Forgets a room at once, on any thread: no more of its messages are delivered.
     *
     * @param room the room's name
     */
    void forget(String room) {
        rooms.remove(room);
    }

    /**
     * A room's cursor, on any thread.
     *
     * @param room the room's name
     * @return its cursor, or null if the room is not remembered
     */
    RoomCursor cursor(String room) {
        RoomFeed feed = rooms.get(room);
        return feed == null ? null : feed.cursor();
    }

    /**
     * The rooms remembered, on any thread.
     *
     * @return a copy
     */
    Set<String> names() {
        return Set.copyOf(rooms.keySet());
    }

    /**
     * Joins a remembered room now if connected, otherwise as soon as the client is.
     *
     * @param feed      the room's feed
     * @param connected whether the client is connected
     * @param ack       completed with the join's ack
     */
    void join(RoomFeed feed, boolean connected, CompletableFuture<JsonNode> ack) {
        if (connected) {
            sendJoin(feed, ack);
        } else {
            awaitingConnection.computeIfAbsent(feed.cursor().room(), key -> new ArrayList<>()).add(ack);
        }
    }

    /**
     * A room was left: the joins waiting for a connection fail.
     *
     * @param room the room's name
     */
    void left(String room) {
        failAll(awaitingConnection.remove(room), notConnected("left the room before it was joined"));
    }

    /** Connected: joins every remembered room, with the futures of the joins that waited for it. */
    void rejoinAll() {
        for (RoomFeed feed : rooms.values()) {
            CompletableFuture<JsonNode> ack = new CompletableFuture<>();
            List<CompletableFuture<JsonNode>> waiting = awaitingConnection.remove(feed.cursor().room());
            if (waiting != null) {
                waiting.forEach(future -> ack.whenComplete((answer, failure) -> {
                    if (failure != null) {
                        future.completeExceptionally(failure);
                    } else {
                        future.complete(answer);
                    }
                }));
            }
            sendJoin(feed, ack);
        }
        RequestFailedException left = notConnected("left the room before it was joined");
        awaitingConnection.values().forEach(waiting -> failAll(waiting, left)); // rooms forgotten meanwhile
        awaitingConnection.clear();
    }

    /**
     * A room {@code message} arrived: its cursor decides what reaches the room handlers.
     *
     * @param message the message
     */
    void message(JsonNode message) {
        RoomFeed feed = rooms.get(message.path("room").asText());
        if (feed == null) {
            return; // a room left since: its messages are no longer wanted
        }
        try {
            handlers.roomMessages(feed.message(message));
        } catch (RuntimeException e) { // a cursor that failed: the starter's TODO, for one
            LOG.log(System.Logger.Level.WARNING, "the cursor of a room failed", e);
        }
    }

    /** The connection was lost: every feed forgets its joins in flight. */
    void connectionLost() {
        rooms.values().forEach(RoomFeed::connectionLost);
    }

    /**
     * The client closed for good: the joins waiting for a connection fail.
     *
     * @param failure why
     */
    void closed(RequestFailedException failure) {
        connectionLost();
        awaitingConnection.values().forEach(waiting -> failAll(waiting, failure));
        awaitingConnection.clear();
    }

    private void sendJoin(RoomFeed feed, CompletableFuture<JsonNode> ack) {
        RoomRequest.Join join;
        try {
            join = feed.joinRequest();
        } catch (RuntimeException e) { // the starter's TODO, for one: this join fails, the others go ahead
            ack.completeExceptionally(e);
            return;
        }
        sender.send(join, ack, (answer, failure) -> {
            if (rooms.get(feed.cursor().room()) != feed) {
                return; // left meanwhile (and perhaps joined afresh): this feed is forgotten
            }
            if (failure == null) {
                RoomCursor.Acked acked = feed.acknowledged(answer);
                handlers.roomMessages(acked.deliver());
                acked.recovery().ifPresent(handlers::recovery);
            } else {
                handlers.roomMessages(feed.joinFailed());
                boolean refused = !failure.code().equals(RequestFailedException.TIMEOUT)
                        && !failure.code().equals(RequestFailedException.NOT_CONNECTED);
                if (refused && !feed.cursor().positioned()) { // never joined: an invalid_room, for example
                    rooms.remove(feed.cursor().room(), feed);
                }
            }
        });
    }

    private static void failAll(List<CompletableFuture<JsonNode>> futures, RequestFailedException failure) {
        if (futures != null) {
            futures.forEach(future -> future.completeExceptionally(failure));
        }
    }

    private static RequestFailedException notConnected(String why) {
        return new RequestFailedException(RequestFailedException.NOT_CONNECTED, why);
    }
}
