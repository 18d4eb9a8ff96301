package dev.realtimelessons.lesson05.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.json.JsonException;

/**
 * A WebSocket client for the course's protocol (PROTOCOL.md) that outlives its connections: when one is lost it
 * reconnects with a {@link Backoff}, joins its rooms again, resumes each room from the last message it
 * delivered, and delivers every room message once, in order. It reconnects after any close it did not ask for
 * but a logout ({@value #LOGGED_OUT}); a handshake refused with 401 is retried too, so give it fresh credentials
 * with {@link Builder#headers(Supplier)} when tokens expire.
 *
 * <pre>{@code
 * RealtimeClient client = RealtimeClient.builder(URI.create("ws://127.0.0.1:8080/ws?user=ada"))
 *         .onState((from, to, reason) -> System.out.println(to + ": " + reason))
 *         .onRoomMessage(message -> System.out.println(message.get("data")))
 *         .build();
 * client.connect().get(30, TimeUnit.SECONDS);
 * client.join("lobby").get(10, TimeUnit.SECONDS);
 * client.publish("lobby", TextNode.valueOf("hello"));
 * }</pre>
 *
 * <h2>Connecting</h2>
 * {@link #connect()} opens the first connection; a failed attempt is retried after the backoff's next delay,
 * in state {@link ConnectionState#CONNECTING}. The connection counts as established when the server's first
 * message, {@code connected}, arrives: the backoff is reset, the state becomes {@link ConnectionState#CONNECTED},
 * and every remembered room is joined. An attempt fails if the handshake fails or no {@code connected} follows
 * it within the request timeout. When an established connection is lost (the server closed it, or it failed),
 * the state becomes {@link ConnectionState#RECONNECTING} and the client tries again after each delay of the
 * backoff. Every close the client did not ask for counts as lost, even a normal (1000) one. When the backoff
 * is used up, or after {@link #close()}, the state is {@link ConnectionState#CLOSED} for good. The handshake
 * sends the builder's headers on every attempt, with fresh ones from {@link Builder#headers(Supplier)} if given.
 *
 * <h2>Requests</h2>
 * Every request gets a fresh {@code id}, and its future completes with the server's answer to that id
 * ({@code ack}, {@code pong}, {@code stats}...), or fails with a {@link RequestFailedException}: the server's
 * {@code error}; {@code timeout} when no answer came within the request timeout; {@code not_connected} when the
 * client was not connected, or the connection was lost before the answer. A request is never sent twice: after
 * {@code timeout} or {@code not_connected} the server may or may not have carried it out.
 *
 * <h2>Rooms</h2>
 * {@link #join(String)} remembers a room until {@link #leave(String)}; after every (re)connect the client
 * joins it again with {@code since} (the last {@code seq} delivered) and {@code epoch}, so that the server
 * replays only what was missed, and reports the outcome to {@link Builder#onRecovery(Consumer)}. The room
 * handlers get each room {@code message} once, in {@code seq} order per room, whether it came live or replayed;
 * the package's {@code RoomCursor} holds the rules.
 *
 * <h2>Threads</h2>
 * Each client has one daemon thread that owns its state: connection events, timers and requests all run on it,
 * one at a time. Every handler and listener is called on that thread, in the order the messages arrived, and
 * the futures this client returns complete on it (so do the actions chained to them). A handler must therefore
 * return quickly, and must never wait for this client: {@code join(room).get()} inside a handler would wait
 * forever, since the answer can only be handled once the handler returns. Chain instead
 * ({@code join(room).thenAccept(...)}). The public methods may be called from any thread, handlers included;
 * {@link #state()} and {@link #lastSeq(String)} reflect what that thread has done so far.
 *
 * <p>The log ({@link System.Logger}) names the server by its URI without the query (which may hold a token),
 * and shows neither headers nor message contents.
 */
public final class RealtimeClient implements AutoCloseable {

    /** The close code of a logout (PROTOCOL.md): the client closes for good instead of reconnecting. */
    public static final int LOGGED_OUT = 4002;

    private static final System.Logger LOG = System.getLogger(RealtimeClient.class.getName());
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    // Set by the builder, never changed.
    private final URI uri;
    private final String where;
    private final Map<String, String> fixedHeaders;
    private final Supplier<Map<String, String>> freshHeaders;
    private final Backoff backoff;
    private final Duration requestTimeout;
    private final List<StateListener> stateListeners;
    private final Map<String, List<Consumer<JsonNode>>> typeHandlers;
    private final List<Consumer<JsonNode>> roomHandlers;
    private final List<Consumer<Recovery>> recoveryHandlers;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledThreadPoolExecutor thread;
    private volatile Thread clientThread;
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();

    // Read by any thread. Rooms are added and removed by join() and leave() at once, so that rooms() shows them.
    private final Map<String, RoomCursor> rooms = new ConcurrentHashMap<>();
    private volatile ConnectionState state = ConnectionState.CLOSED;

    // The client's thread only.
    private final PendingRequests pending;
    private final Map<String, List<CompletableFuture<JsonNode>>> joinsAwaitingConnection = new HashMap<>();
    private final Connection.Events events = new Connection.Events() {
        @Override
        public void message(Connection connection, String text) {
            received(connection, text);
        }

        @Override
        public void lost(Connection connection, int code, String reason) {
            RealtimeClient.this.lost(connection, code, reason);
        }
    };
    private Connection current;
    private boolean started;
    private boolean finished;
    private long lastId;

    private RealtimeClient(Builder builder) {
        this.uri = builder.uri;
        this.where = withoutQuery(builder.uri);
        this.fixedHeaders = Map.copyOf(builder.headers);
        this.freshHeaders = builder.freshHeaders;
        this.backoff = Objects.requireNonNull(builder.backoff.get(), "the backoff supplier returned null");
        this.requestTimeout = builder.requestTimeout;
        this.stateListeners = List.copyOf(builder.stateListeners);
        Map<String, List<Consumer<JsonNode>>> handlers = new HashMap<>();
        builder.typeHandlers.forEach((type, list) -> handlers.put(type, List.copyOf(list)));
        this.typeHandlers = Map.copyOf(handlers);
        this.roomHandlers = List.copyOf(builder.roomHandlers);
        this.recoveryHandlers = List.copyOf(builder.recoveryHandlers);
        String name = "realtime-client-" + CLIENTS.incrementAndGet();
        this.thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread created = new Thread(runnable, name);
            created.setDaemon(true); // an application that forgets close() still exits
            clientThread = created;
            return created;
        });
        thread.setRemoveOnCancelPolicy(true); // request timers are cancelled far more often than they fire
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() drops pending timers
        this.pending = new PendingRequests(thread, requestTimeout);
    }

    /**
     * Starts building a client.
     *
     * @param uri the server's WebSocket endpoint, {@code ws://} or {@code wss://}, for example
     *            {@code ws://127.0.0.1:8080/ws?user=ada}
     * @return a builder
     * @throws IllegalArgumentException if the URI is not a {@code ws} or {@code wss} URI with a host
     */
    public static Builder builder(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!("ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a ws:// or wss:// URI with a host: " + withoutQuery(uri));
        }
        return new Builder(uri);
    }

    /**
     * Opens the first connection, retrying with the backoff while attempts fail. Calling it again starts nothing
     * new and returns the first call's outcome.
     *
     * @return completes when the server's {@code connected} message has arrived; fails with a
     *         {@link RequestFailedException} ({@code not_connected}) if the backoff is used up first, or once the
     *         client is closed
     */
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> outcome = new CompletableFuture<>(); // not firstConnect: a caller may cancel it
        onClientThread(outcome, () -> {
            if (!started) {
                started = true;
                setState(ConnectionState.CONNECTING, "connect() called");
                attempt();
            }
            relay(firstConnect, outcome);
        });
        return outcome;
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @param request a JSON object with a {@code type}; it is copied, and the copy gets a fresh {@code id}
     *                (replacing any it had)
     * @return completes with the answer carrying that id; fails with a {@link RequestFailedException}: the
     *         server's {@code error}, {@code timeout}, or {@code not_connected}
     */
    public CompletableFuture<JsonNode> request(ObjectNode request) {
        ObjectNode copy = Objects.requireNonNull(request, "request").deepCopy();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        onClientThread(answer, () -> send(copy, answer, PendingRequests.Outcome.NONE));
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
     *         {@code recovered} if the server sends them), once the history it brought has been delivered; fails
     *         as {@link #request(ObjectNode)} does, or with {@code not_connected} if the client closes first
     */
    public CompletableFuture<JsonNode> join(String room) {
        RoomCursor cursor = rooms.computeIfAbsent(Objects.requireNonNull(room, "room"), RoomCursor::new);
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        onClientThread(ack, () -> {
            if (state == ConnectionState.CONNECTED) {
                sendJoin(cursor, ack);
            } else {
                joinsAwaitingConnection.computeIfAbsent(room, key -> new ArrayList<>()).add(ack);
            }
        });
        return ack;
    }

    /**
     * Leaves a room and forgets it at once: no more of its messages are delivered, and it is not joined again.
     * Joining it later starts afresh, with the room's recent history.
     *
     * @param room the room's name
     * @return completes with the server's {@code ack}; fails as {@link #request(ObjectNode)} does (when not
     *         connected the room is forgotten all the same: a new connection is in no room)
     */
    public CompletableFuture<JsonNode> leave(String room) {
        rooms.remove(Objects.requireNonNull(room, "room"));
        ObjectNode leave = JsonNodeFactory.instance.objectNode().put("type", "leave").put("room", room);
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        onClientThread(ack, () -> {
            failAll(joinsAwaitingConnection.remove(room), notConnected("left the room before it was joined"));
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
     *         {@link #request(ObjectNode)} does
     */
    public CompletableFuture<JsonNode> publish(String room, JsonNode data) {
        ObjectNode publish = JsonNodeFactory.instance.objectNode().put("type", "publish").put("room", room);
        publish.set("data", data);
        return request(publish);
    }

    /**
     * The {@code seq} of the last message of a room delivered to the room handlers.
     *
     * @param room the room's name
     * @return the seq, or 0 if none was delivered or the room is not remembered
     */
    public long lastSeq(String room) {
        RoomCursor cursor = rooms.get(room);
        return cursor == null ? 0 : cursor.lastSeq();
    }

    /**
     * The epoch of a room, as its last join's ack gave it.
     *
     * @param room the room's name
     * @return the epoch, or null if no join of it was acknowledged, the room is not remembered, or the server
     *         sends no epochs
     */
    public String epoch(String room) {
        RoomCursor cursor = rooms.get(room);
        return cursor == null ? null : cursor.epoch();
    }

    /**
     * The rooms this client remembers: joined, or to be joined when connected.
     *
     * @return a copy
     */
    public Set<String> rooms() {
        return Set.copyOf(rooms.keySet());
    }

    /**
     * Where the client stands.
     *
     * @return the state
     */
    public ConnectionState state() {
        return state;
    }

    /**
     * Closes the connection normally (1000) and for good: no reconnect follows, the state becomes
     * {@link ConnectionState#CLOSED}, and requests still waiting fail with {@code not_connected}. Returns once
     * that is done (or after the request timeout, if a handler keeps the client's thread busy). Closing twice
     * does nothing.
     */
    @Override
    public void close() {
        Runnable closing = () -> finish("closed by the client");
        if (Thread.currentThread() == clientThread) {
            closing.run();
            return;
        }
        try {
            thread.submit(closing).get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException alreadyClosed) {
            // finished before: nothing left to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the client to " + where + " did not finish", e);
        }
    }

    // ---- connecting, on the client's thread ----

    private void attempt() {
        Connection connection = new Connection(thread, events);
        current = connection;
        try {
            WebSocket.Builder handshake = http.newWebSocketBuilder().connectTimeout(requestTimeout);
            Map<String, String> headers = new LinkedHashMap<>(fixedHeaders);
            headers.putAll(freshHeaders.get()); // per attempt: a token may have expired since the last one
            headers.forEach(handshake::header);
            handshake.buildAsync(uri, connection).whenComplete((webSocket, failure) -> onClientThread(() -> {
                if (failure != null) {
                    lost(connection, -1, "could not connect: " + describe(failure));
                } else {
                    awaitConnected(connection);
                }
            }));
        } catch (RuntimeException e) { // a header the JDK refuses, a header supplier that failed
            lost(connection, -1, "could not connect: " + describe(e));
        }
    }

    private void awaitConnected(Connection connection) {
        later(requestTimeout, () -> {
            if (connection == current && !connection.ready) {
                connection.abort();
                lost(connection, -1, "no connected message within " + requestTimeout.toMillis() + " ms");
            }
        });
    }

    private void connected(Connection connection) {
        connection.ready = true;
        resetBackoff();
        ConnectionState from = state;
        state = ConnectionState.CONNECTED;
        // Join before telling anyone: a publish from a state listener is then sent after the joins.
        for (RoomCursor cursor : rooms.values()) {
            CompletableFuture<JsonNode> ack = new CompletableFuture<>();
            List<CompletableFuture<JsonNode>> waiting = joinsAwaitingConnection.remove(cursor.room());
            if (waiting != null) {
                waiting.forEach(future -> relay(ack, future));
            }
            sendJoin(cursor, ack);
        }
        failAll(joinsAwaitingConnection.values().stream().flatMap(List::stream).toList(),
                notConnected("left the room before it was joined")); // what is left: rooms left meanwhile
        joinsAwaitingConnection.clear();
        announce(from, ConnectionState.CONNECTED, "connected to " + where);
        firstConnect.complete(null);
    }

    private void lost(Connection connection, int code, String reason) {
        if (connection != current || finished) {
            return; // a connection given up already: its last words change nothing
        }
        current = null;
        rooms.values().forEach(RoomCursor::onConnectionLost);
        pending.failAll(notConnected("connection lost (" + reason + ")"));
        if (code == LOGGED_OUT) { // reconnecting would undo the logout
            finish("logged out by the server");
            return;
        }
        Optional<Duration> delay;
        try {
            delay = backoff.next();
        } catch (RuntimeException e) { // the starter's TODO, for one
            finish("cannot reconnect: " + e.getMessage());
            return;
        }
        if (delay.isEmpty()) {
            finish("gave up after " + backoff.attempts() + " attempts; the last: " + reason);
            return;
        }
        if (state == ConnectionState.CONNECTED) {
            setState(ConnectionState.RECONNECTING, reason);
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}; next attempt in {2} ms", where, reason,
                delay.get().toMillis());
        later(delay.get(), this::attempt);
    }

    private void finish(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        if (current != null) {
            current.close();
            current = null;
        }
        RequestFailedException failure = notConnected(reason);
        rooms.values().forEach(RoomCursor::onConnectionLost);
        pending.failAll(failure);
        joinsAwaitingConnection.values().forEach(waiting -> failAll(waiting, failure));
        joinsAwaitingConnection.clear();
        setState(ConnectionState.CLOSED, reason);
        firstConnect.completeExceptionally(failure);
        thread.shutdown(); // tasks already queued still run, and see `finished`
    }

    private void resetBackoff() {
        if (backoff.attempts() == 0) {
            return; // nothing to reset; and the starter's reset() would only throw its TODO
        }
        try {
            backoff.reset();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the backoff could not be reset", e);
        }
    }

    // ---- messages, on the client's thread ----

    private void received(Connection connection, String text) {
        if (connection != current) {
            return;
        }
        JsonNode message;
        try {
            message = Json.tree(text);
        } catch (JsonException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: ignored a message that is not JSON", where);
            return;
        }
        String type = message.path("type").asText("");
        if (!message.isObject() || type.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: ignored a message without a type", where);
            return;
        }
        if (type.equals("connected") && !connection.ready) {
            connected(connection);
        } else if (type.equals("message")) {
            RoomCursor cursor = rooms.get(message.path("room").asText());
            if (cursor != null) { // else a room left since: its messages are no longer wanted
                deliver(cursor.onMessage(message));
            }
        }
        JsonNode id = message.get("id");
        if (id != null && id.isValueNode()) {
            pending.answer(id.asText(), message); // any message carrying a waiting id answers it
        }
        for (Consumer<JsonNode> handler : typeHandlers.getOrDefault(type, List.of())) {
            call(handler, message, "the handler of " + type);
        }
    }

    private void sendJoin(RoomCursor cursor, CompletableFuture<JsonNode> ack) {
        ObjectNode join = cursor.joinRequest();
        boolean resuming = join.has("since");
        send(join, ack, (answer, failure) -> {
            if (rooms.get(cursor.room()) != cursor) {
                return; // left meanwhile (and perhaps joined afresh): this cursor is forgotten
            }
            if (failure == null) {
                RoomCursor.Joined joined = cursor.onJoinAck(answer, resuming);
                deliver(joined.deliver());
                if (resuming) {
                    Recovery recovery = new Recovery(cursor.room(), joined.recovered(), joined.deliver().size(),
                            cursor.epoch());
                    LOG.log(System.Logger.Level.DEBUG, "{0}", recovery);
                    recoveryHandlers.forEach(handler -> call(handler, recovery, "a recovery handler"));
                }
            } else {
                deliver(cursor.onJoinFailed());
                boolean refused = !failure.code().equals(RequestFailedException.TIMEOUT)
                        && !failure.code().equals(RequestFailedException.NOT_CONNECTED);
                if (refused && !cursor.positioned()) {
                    rooms.remove(cursor.room(), cursor);
                }
            }
        });
    }

    private void send(ObjectNode request, CompletableFuture<JsonNode> answer, PendingRequests.Outcome outcome) {
        Connection connection = current;
        if (state != ConnectionState.CONNECTED || connection == null) {
            RequestFailedException failure = notConnected("not connected (" + state + ")");
            outcome.settled(null, failure);
            answer.completeExceptionally(failure);
            return;
        }
        String id = Long.toString(++lastId);
        request.put("id", id);
        pending.add(id, answer, outcome);
        connection.send(Json.write(request)).whenComplete((sent, failure) -> {
            if (failure != null) {
                onClientThread(() -> pending.fail(id, notConnected("could not send: " + describe(failure))));
            }
        });
    }

    private void deliver(List<JsonNode> messages) {
        for (JsonNode message : messages) {
            roomHandlers.forEach(handler -> call(handler, message, "a room message handler"));
        }
    }

    // ---- plumbing ----

    private void setState(ConnectionState to, String reason) {
        ConnectionState from = state;
        if (from != to) {
            state = to;
            announce(from, to, reason);
        }
    }

    private void announce(ConnectionState from, ConnectionState to, String reason) {
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1} -> {2} ({3})", where, from, to, reason);
        for (StateListener listener : stateListeners) {
            try {
                listener.stateChanged(from, to, reason);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a state listener failed", e);
            }
        }
    }

    private <T> void call(Consumer<T> handler, T value, String what) {
        try {
            handler.accept(value);
        } catch (RuntimeException e) { // one failing handler must not stop the client or the other handlers
            LOG.log(System.Logger.Level.WARNING, what + " failed", e);
        }
    }

    /** Runs a task on the client's thread, unless the client has finished. */
    private void onClientThread(Runnable task) {
        onClientThread(null, task);
    }

    /** Runs a task on the client's thread; if the client has finished, fails {@code orFail} instead. */
    private void onClientThread(CompletableFuture<?> orFail, Runnable task) {
        try {
            thread.execute(() -> run(orFail, task));
        } catch (RejectedExecutionException closed) {
            if (orFail != null) {
                orFail.completeExceptionally(notConnected("the client is closed"));
            }
        }
    }

    private void later(Duration delay, Runnable task) {
        try {
            thread.schedule(() -> run(null, task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // finished: nothing is to happen later
        }
    }

    private void run(CompletableFuture<?> orFail, Runnable task) {
        if (finished) {
            if (orFail != null) {
                orFail.completeExceptionally(notConnected("the client is closed"));
            }
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) { // the executor would swallow it silently
            LOG.log(System.Logger.Level.WARNING, "the client to " + where + " failed", e);
            if (orFail != null) {
                orFail.completeExceptionally(e);
            }
        }
    }

    private static <T> void relay(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((value, failure) -> {
            if (failure != null) {
                to.completeExceptionally(failure);
            } else {
                to.complete(value);
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

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof WebSocketHandshakeException handshake) {
            return "the server refused the handshake with HTTP " + handshake.getResponse().statusCode();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * Configures a {@link RealtimeClient}. Handlers are added, not replaced: each one added is called. A builder
     * may build several clients; each gets its own backoff from the supplier.
     */
    public static final class Builder {

        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Supplier<Map<String, String>> freshHeaders = Map::of;
        private Supplier<Backoff> backoff = () -> Backoff.defaults(new SplittableRandom());
        private Duration requestTimeout = Duration.ofSeconds(10);
        private final List<StateListener> stateListeners = new ArrayList<>();
        private final Map<String, List<Consumer<JsonNode>>> typeHandlers = new HashMap<>();
        private final List<Consumer<JsonNode>> roomHandlers = new ArrayList<>();
        private final List<Consumer<Recovery>> recoveryHandlers = new ArrayList<>();

        private Builder(URI uri) {
            this.uri = uri;
        }

        /**
         * Adds a header to every handshake, for example {@code Authorization}.
         *
         * @param name  the header's name
         * @param value its value (never logged)
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Asks for headers before every connection attempt, for example a fresh token; they are added to (and
         * override) those of {@link #header(String, String)}. Called on the client's thread: it must not block
         * for long.
         *
         * @param headers returns the headers for one attempt
         * @return this builder
         */
        public Builder headers(Supplier<Map<String, String>> headers) {
            this.freshHeaders = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /**
         * Sets where each client gets its backoff. The default is {@link Backoff#defaults} with its own random
         * generator: clients must not share one sequence of delays, or their reconnects would fall together.
         *
         * @param backoff returns a new backoff for each client built
         * @return this builder
         */
        public Builder backoff(Supplier<Backoff> backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Sets the backoff. A backoff counts its attempts: give each client its own (build only one client with
         * it, or use {@link #backoff(Supplier)}).
         *
         * @param backoff the backoff
         * @return this builder
         */
        public Builder backoff(Backoff backoff) {
            Objects.requireNonNull(backoff, "backoff");
            this.backoff = () -> backoff;
            return this;
        }

        /**
         * Sets how long a request waits for its answer; also the limit for a handshake, and for the
         * {@code connected} message after it. The default is 10 s.
         *
         * @param timeout more than zero
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the request timeout must be more than zero, was " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Adds a listener for every change of state.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onState(StateListener listener) {
            stateListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a handler for every server message of a type, as it arrives: for example {@code "notification"}.
         * For {@code "message"} it gets room messages raw, duplicates included; use
         * {@link #onRoomMessage(Consumer)} for each one once.
         *
         * @param type    the message type
         * @param handler gets the message
         * @return this builder
         */
        public Builder on(String type, Consumer<JsonNode> handler) {
            typeHandlers.computeIfAbsent(Objects.requireNonNull(type, "type"), key -> new ArrayList<>())
                    .add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Adds a handler for the room {@code message}s of the remembered rooms: each once, in {@code seq} order
         * per room, across reconnects (the rules are in {@code RoomCursor}).
         *
         * @param handler gets the message, with its {@code room}, {@code from}, {@code data}, {@code seq} and
         *                {@code ts}, and {@code history: true} if it was replayed
         * @return this builder
         */
        public Builder onRoomMessage(Consumer<JsonNode> handler) {
            roomHandlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Adds a handler for the outcome of each resuming join (one that carried {@code since}), called after the
         * messages it replayed were delivered.
         *
         * @param handler gets the outcome
         * @return this builder
         */
        public Builder onRecovery(Consumer<Recovery> handler) {
            recoveryHandlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Builds the client, not yet connected: call {@link RealtimeClient#connect()}.
         *
         * @return the client, in state {@link ConnectionState#CLOSED}
         */
        public RealtimeClient build() {
            return new RealtimeClient(this);
        }
    }
}
