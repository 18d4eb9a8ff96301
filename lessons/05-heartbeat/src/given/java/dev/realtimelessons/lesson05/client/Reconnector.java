package dev.realtimelessons.lesson05.client;

import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.json.JsonException;

/**
 * Keeps a {@link RealtimeClient} connected: it opens connections with the {@link Dialer}, moves the client between
 * its {@link ConnectionState}s, and when a connection is lost or an attempt fails, asks the
 * {@link ReconnectPolicy} whether to try again, and when. A close that carries a {@link ReconnectHint} (a draining
 * server's 1012 {@code reconnect after <n> ms}) sets the delay of that one attempt instead of the policy's.
 *
 * <p>A connection counts as established when the server's first message, {@code connected}, arrives: the policy
 * hears of it (its backoff starts again), the state becomes {@link ConnectionState#CONNECTED}, and the
 * {@link Listener} rejoins the rooms. Every close the client did not ask for is a loss, even a normal (1000) one;
 * the policy tells a loss worth retrying from one that ends the client.
 *
 * <p>Confined to the client's thread, except {@link #state()}, which any thread may read.
 */
final class Reconnector {

    /** What the rest of the client must do as connections come and go; called on the client's thread. */
    interface Listener {

        /** A connection is established: the state is {@code CONNECTED}, and nobody has been told yet. */
        void connected();

        /**
         * A server message arrived on the current connection.
         *
         * @param type    its {@code type}
         * @param message a JSON object
         */
        void message(String type, JsonNode message);

        /**
         * The current connection is gone; whether another follows is not decided yet.
         *
         * @param failure what the requests still waiting fail with
         */
        void lost(RequestFailedException failure);

        /**
         * The client is closed for good.
         *
         * @param failure what everything still waiting fails with
         */
        void finished(RequestFailedException failure);
    }

    private static final System.Logger LOG = System.getLogger(Reconnector.class.getName());

    private final String where;
    private final Dialer dialer;
    private final ReconnectPolicy policy;
    private final ClientThread thread;
    private final Handlers handlers;
    private final Listener listener;
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private final Connection.Events events = new Connection.Events() {
        @Override
        public void message(Connection connection, String text) {
            received(connection, text);
        }

        @Override
        public void lost(Connection connection, Disconnect why) {
            Reconnector.this.lost(connection, why);
        }
    };
    private volatile ConnectionState state = ConnectionState.CLOSED;
    private Connection current;
    private boolean started;
    private boolean finished;

    /**
     * Creates the reconnector of a client, in state {@link ConnectionState#CLOSED}.
     *
     * @param where    the server, for the log: its URI without the query
     * @param dialer   opens connections
     * @param policy   decides after every loss
     * @param thread   the client's thread
     * @param handlers the state listeners
     * @param listener the rest of the client
     */
    Reconnector(String where, Dialer dialer, ReconnectPolicy policy, ClientThread thread, Handlers handlers,
                Listener listener) {
        this.where = where;
        this.dialer = dialer;
        this.policy = policy;
        this.thread = thread;
        this.handlers = handlers;
        this.listener = listener;
    }

    /**
     * Opens the first connection, once; later calls start nothing new.
     *
     * @return completes when the first {@code connected} arrives; fails if the client is closed first
     */
    CompletableFuture<Void> start() {
        if (!started) {
            started = true;
            setState(ConnectionState.CONNECTING, "connect() called");
            current = dialer.dial(events);
        }
        return firstConnect;
    }

    /**
     * Where the client stands; any thread.
     *
     * @return the state
     */
    ConnectionState state() {
        return state;
    }

    /**
     * The connection requests go to.
     *
     * @return the established connection, or null when not {@link ConnectionState#CONNECTED}
     */
    Connection connection() {
        return state == ConnectionState.CONNECTED ? current : null;
    }

    /**
     * Closes the client for good: the connection normally (1000), the state {@link ConnectionState#CLOSED}, and
     * the client's thread. Closing twice does nothing.
     *
     * @param reason why, for the state listeners
     */
    void finish(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        if (current != null) {
            current.close();
            current = null;
        }
        RequestFailedException failure = new RequestFailedException(RequestFailedException.NOT_CONNECTED, reason);
        listener.finished(failure);
        setState(ConnectionState.CLOSED, reason);
        firstConnect.completeExceptionally(failure);
        thread.finish();
    }

    private void received(Connection connection, String text) {
        if (connection != current) {
            return; // a connection given up already
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
        }
        listener.message(type, message);
    }

    private void connected(Connection connection) {
        connection.ready = true;
        policy.connected();
        ConnectionState from = state;
        state = ConnectionState.CONNECTED;
        listener.connected(); // rejoin before telling anyone: a publish from a state listener then follows the joins
        announce(from, ConnectionState.CONNECTED, "connected to " + where);
        firstConnect.complete(null);
    }

    // tag::lost[]
    private void lost(Connection connection, Disconnect why) {
        if (connection != current || finished) {
            return; // a connection given up already: its last words change nothing
        }
        current = null;
        listener.lost(new RequestFailedException(RequestFailedException.NOT_CONNECTED,
                "connection lost (" + why.reason() + ")"));
        Decision decision;
        try {
            decision = policy.afterLoss(why);
        } catch (RuntimeException e) { // the starter's TODO, for one
            finish("cannot reconnect: " + e.getMessage());
            return;
        }
        if (decision instanceof Decision.Stop stop) {
            finish(stop.why());
            return;
        }
        // A server that asked for a delay (a drain's 1012 "reconnect after <n> ms") gets it, for this attempt only:
        // it spread its clients' delays, and the backoff's would bunch them up again.
        Decision.Retry retry = ReconnectHint.of(why).map(Decision.Retry::new).orElse((Decision.Retry) decision);
        if (state == ConnectionState.CONNECTED) {
            setState(ConnectionState.RECONNECTING, why.reason());
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}; next attempt in {2} ms", where, why.reason(),
                retry.delay().toMillis());
        thread.later(retry.delay(), () -> current = dialer.dial(events));
    }
    // end::lost[]

    private void setState(ConnectionState to, String reason) {
        ConnectionState from = state;
        if (from != to) {
            state = to;
            announce(from, to, reason);
        }
    }

    private void announce(ConnectionState from, ConnectionState to, String reason) {
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1} -> {2} ({3})", where, from, to, reason);
        handlers.stateChanged(from, to, reason);
    }
}
