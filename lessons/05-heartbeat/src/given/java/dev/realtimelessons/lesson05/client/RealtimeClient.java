package dev.realtimelessons.lesson05.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ClientRequest;
import dev.realtimelessons.lesson03.RoomRequest;

/**
 * A WebSocket client for the course's protocol (PROTOCOL.md) that outlives its connections: when one is lost it
 * reconnects with a {@link Backoff}, joins its rooms again, resumes each room from the last message it delivered,
 * and delivers every room message once, in order.
 *
 * <pre>{@code
 * RealtimeClient client = RealtimeClient.builder(URI.create("ws://127.0.0.1:8080/ws?user=ada"))
 *         .onState((from, to, reason) -> System.out.println(to + ": " + reason))
 *         .onRoomMessage(message -> System.out.println(message.get("data")))
 *         .onRecovery(recovery -> { if (!recovery.recovered()) reload(recovery.room()); })
 *         .build();
 * client.connect().get(30, TimeUnit.SECONDS);
 * client.join("lobby").get(10, TimeUnit.SECONDS);
 * client.publish("lobby", TextNode.valueOf("hello"));
 * }</pre>
 *
 * <h2>Connecting</h2>
 * {@link #connect()} opens the first connection (state {@link ConnectionState#CONNECTING}). It is established when
 * the server's first message, {@code connected}, arrives: the state becomes {@link ConnectionState#CONNECTED} and
 * every remembered room is joined. When a connection is lost, or an attempt fails, the package's
 * {@code ReconnectPolicy} decides: try again after the backoff's next delay (state
 * {@link ConnectionState#RECONNECTING} once a connection had been established), or stop for good
 * ({@link ConnectionState#CLOSED}): after a logout, a handshake refused for its credentials, or when the backoff
 * is used up. The handshake sends the builder's headers on every attempt, with fresh ones from
 * {@link RealtimeClientBuilder#headers(Supplier)} if given, so a supplier that fetches a fresh token turns an
 * expired one (4001) into a seamless reconnect.
 *
 * <h2>Requests</h2>
 * Every request gets a fresh {@code id}, and its future completes with the server's answer to that id
 * ({@code ack}, {@code pong}, {@code stats}...), or fails with a {@link RequestFailedException}: the server's
 * {@code error}; {@code timeout} when no answer came within the request timeout; {@code not_connected} when the
 * client was not connected, or the connection was lost before the answer. A request is never sent twice: after
 * {@code timeout} or {@code not_connected} the server may or may not have carried it out.
 *
 * <h2>Rooms</h2>
 * {@link #join(String)} remembers a room until {@link #leave(String)}; after every (re)connect the client joins it
 * again with {@code since} (the last {@code seq} delivered) and {@code epoch}, so that the server replays only what
 * was missed, and reports the outcome to {@link RealtimeClientBuilder#onRecovery(Consumer)}. The room handlers get
 * each room {@code message} once, in {@code seq} order per room, whether it came live or replayed; the package's
 * {@code RoomCursor} holds the rules.
 *
 * <h2>Threads</h2>
 * Each client has one daemon thread that owns its state: connection events, timers and requests all run on it,
 * one at a time. Every handler and listener is called on that thread, in the order the messages arrived, and the
 * futures this client returns complete on it (so do the actions chained to them). A handler must therefore return
 * quickly, and must never wait for this client: {@code join(room).get()} inside a handler would wait forever,
 * since the answer can only be handled once the handler returns. Chain instead ({@code join(room).thenAccept(...)}).
 * The public methods may be called from any thread, handlers included; {@link #state()} and
 * {@link #lastSeq(String)} reflect what that thread has done so far.
 *
 * <p>The log ({@link System.Logger}) names the server by its URI without the query (which may hold a token), and
 * shows neither headers nor message contents.
 */
public final class RealtimeClient implements AutoCloseable {

    /** The close code of a logout (PROTOCOL.md): the client closes for good instead of reconnecting. */
    public static final int LOGGED_OUT = 4002;

    private final ClientThread thread = new ClientThread();
    private final Duration requestTimeout;
    private final Handlers handlers;
    private final PendingRequests pending;
    private final JoinedRooms rooms;
    private final Reconnector reconnector;

    RealtimeClient(RealtimeClientBuilder builder) {
        this.requestTimeout = builder.requestTimeout;
        String where = Dialer.withoutQuery(builder.uri);
        Backoff backoff = Objects.requireNonNull(builder.backoff.get(), "the backoff supplier returned null");
        this.handlers = new Handlers(builder);
        this.pending = new PendingRequests(thread.executor(), builder.requestTimeout);
        this.rooms = new JoinedRooms(this::send, handlers);
        Dialer dialer = new Dialer(builder.uri, builder.headers, builder.freshHeaders, builder.requestTimeout, thread);
        this.reconnector = new Reconnector(where, dialer, new ReconnectPolicy(backoff), thread, handlers,
                new Reconnector.Listener() {
                    @Override
                    public void connected() {
                        rooms.rejoinAll();
                    }

                    @Override
                    public void message(String type, JsonNode message) {
                        received(type, message);
                    }

                    @Override
                    public void lost(RequestFailedException failure) {
                        rooms.connectionLost();
                        pending.failAll(failure);
                    }

                    @Override
                    public void finished(RequestFailedException failure) {
                        rooms.closed(failure);
                        pending.failAll(failure);
                    }
                });
    }

    /**
     * Starts building a client.
     *
     * @param uri the server's WebSocket endpoint, {@code ws://} or {@code wss://}, for example
     *            {@code ws://127.0.0.1:8080/ws?user=ada}
     * @return a builder
     * @throws IllegalArgumentException if the URI is not a {@code ws} or {@code wss} URI with a host
     */
    public static RealtimeClientBuilder builder(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!("ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a ws:// or wss:// URI with a host: " + Dialer.withoutQuery(uri));
        }
        return new RealtimeClientBuilder(uri);
    }

    /**
     * Opens the first connection, retrying while the reconnect policy says so. Calling it again starts nothing new
     * and returns the first call's outcome.
     *
     * @return completes when the server's {@code connected} message has arrived; fails with a
     *         {@link RequestFailedException} ({@code not_connected}) if the client stops first, or once it is closed
     */
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> outcome = new CompletableFuture<>(); // not the shared future: a caller may cancel it
        thread.execute(outcome, () -> reconnector.start().whenComplete((done, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(null);
            }
        }));
        return outcome;
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @param request the request, a record of the protocol (lesson 03's {@code RoomRequest.Publish}, for one);
     *                it is sent with a fresh {@code id}
     * @return completes with the answer carrying that id; fails with a {@link RequestFailedException}: the server's
     *         {@code error}, {@code timeout}, or {@code not_connected}
     */
    public CompletableFuture<JsonNode> request(ClientRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        thread.execute(answer, () -> send(request, answer, PendingRequests.Outcome.NONE));
        return answer;
    }

    /**
     * Joins a room and remembers it: after every reconnect the client joins it again, resuming from the last
     * message delivered. If the client is not connected right now, the join is sent as soon as it is.
     *
     * <p>The room's {@code message}s go to the room handlers. A join the server refuses ({@code error}, for
     * example {@code invalid_room}) forgets the room again, unless an earlier join of it had succeeded.
     *
     * @param room the room's name
     * @return completes with the join's {@code ack} (its {@code room}, {@code seq}, and {@code epoch} and
     *         {@code recovered} if the server sends them), once the history it brought has been delivered; fails as
     *         {@link #request(ClientRequest)} does, or with {@code not_connected} if the client closes first
     */
    public CompletableFuture<JsonNode> join(String room) {
        RoomFeed feed = rooms.remember(Objects.requireNonNull(room, "room"));
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        thread.execute(ack, () -> rooms.join(feed, reconnector.connection() != null, ack));
        return ack;
    }

    /**
     * Leaves a room and forgets it at once: no more of its messages are delivered, and it is not joined again.
     * Joining it later starts afresh, with the room's recent history.
     *
     * @param room the room's name
     * @return completes with the server's {@code ack}; fails as {@link #request(ClientRequest)} does (when not
     *         connected the room is forgotten all the same: a new connection is in no room)
     */
    public CompletableFuture<JsonNode> leave(String room) {
        rooms.forget(Objects.requireNonNull(room, "room"));
        RoomRequest.Leave leave = new RoomRequest.Leave(room);
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        thread.execute(ack, () -> {
            rooms.left(room);
            send(leave, ack, PendingRequests.Outcome.NONE);
        });
        return ack;
    }

    /**
     * Publishes to a room this client has joined. The message comes back to the room handlers like any other.
     *
     * @param room the room's name
     * @param data the payload, any JSON value but null
     * @return completes with the server's {@code ack}, which carries the message's {@code seq}; fails as
     *         {@link #request(ClientRequest)} does
     */
    public CompletableFuture<JsonNode> publish(String room, JsonNode data) {
        return request(new RoomRequest.Publish(room, data, false));
    }

    /**
     * The {@code seq} of the last message of a room delivered to the room handlers.
     *
     * @param room the room's name
     * @return the seq, or 0 if none was delivered or the room is not remembered
     */
    public long lastSeq(String room) {
        RoomCursor cursor = rooms.cursor(room);
        return cursor == null ? 0 : cursor.lastSeq();
    }

    /**
     * The epoch of a room, as its last join's ack gave it.
     *
     * @param room the room's name
     * @return the epoch, or null if no join of it was acknowledged, the room is not remembered, or the server sends
     *         no epochs
     */
    public String epoch(String room) {
        RoomCursor cursor = rooms.cursor(room);
        return cursor == null ? null : cursor.epoch();
    }

    /**
     * The rooms this client remembers: joined, or to be joined when connected.
     *
     * @return a copy
     */
    public Set<String> rooms() {
        return rooms.names();
    }

    /**
     * Where the client stands.
     *
     * @return the state
     */
    public ConnectionState state() {
        return reconnector.state();
    }

    /**
     * Closes the connection normally (1000) and for good: no reconnect follows, the state becomes
     * {@link ConnectionState#CLOSED}, and requests still waiting fail with {@code not_connected}. Returns once that
     * is done (or after the request timeout, if a handler keeps the client's thread busy). Closing twice does
     * nothing.
     */
    @Override
    public void close() {
        thread.runAndWait(() -> reconnector.finish("closed by the client"), requestTimeout);
    }

    /** A server message on the current connection: rooms first, then the request it answers, then handlers. */
    private void received(String type, JsonNode message) {
        if (type.equals("message")) {
            rooms.message(message);
        }
        JsonNode id = message.get("id");
        if (id != null && id.isValueNode()) {
            pending.answer(id.asText(), message); // any message carrying a waiting id answers it
        }
        handlers.typed(type, message);
    }

    private void send(ClientRequest request, CompletableFuture<JsonNode> answer, PendingRequests.Outcome outcome) {
        Connection connection = reconnector.connection();
        if (connection == null) {
            RequestFailedException failure = new RequestFailedException(RequestFailedException.NOT_CONNECTED,
                    "not connected (" + reconnector.state() + ")");
            outcome.settled(null, failure);
            answer.completeExceptionally(failure);
            return;
        }
        pending.send(connection, request, answer, outcome);
    }
}
