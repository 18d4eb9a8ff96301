package dev.realtimelessons.lesson02;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

import dev.realtimelessons.lesson02.protocol.ChatRequest;
import dev.realtimelessons.lesson02.protocol.Messages;

/**
 * What the endpoint and the REST API share: the registry, the dispatcher, and what happens when a connection
 * closes. Lesson 02 handles {@code ping}, {@code direct} and {@code stats}; later lessons add their types to the
 * same dispatcher and their clean-up to {@link #onDisconnect}.
 */
public final class ChatApp implements AutoCloseable {

    private final ChatServerConfig config;
    private final ConnectionManager connections;
    private final UserDelivery users;
    private final Supplier<Stats> stats;
    private final Identifier identifier;
    private final Dispatcher dispatcher = new Dispatcher();
    private final List<Consumer<Connection>> connectListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Connection>> activityListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Connection>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Connection>> sentListeners = new CopyOnWriteArrayList<>();
    private final List<ObjIntConsumer<Connection>> closeListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService writers = Writers.start();

    /**
     * Creates lesson 02's application: users are who their {@code ?user=} says, and messages reach the connections
     * of this server.
     *
     * @param config the configuration
     */
    public ChatApp(ChatServerConfig config) {
        this(config, new ConnectionManager());
    }

    private ChatApp(ChatServerConfig config, ConnectionManager connections) {
        this(config, connections, new LocalUsers(connections), connections::stats,
                (principal, parameters, id) -> Identity.userOf(parameters, id));
    }

    /**
     * Creates the application with lesson 02's message types and the parts a later lesson chose.
     *
     * @param config      the configuration
     * @param connections the registry
     * @param users       how messages reach a user, or everyone (lesson 06: on every server)
     * @param stats       where {@code stats} come from (lesson 06: every server's sum)
     * @param identifier  how new connections get their user (lesson 04: from the verified token)
     */
    public ChatApp(ChatServerConfig config, ConnectionManager connections, UserDelivery users, Supplier<Stats> stats,
                   Identifier identifier) {
        this.config = config;
        this.connections = connections;
        this.users = users;
        this.stats = stats;
        this.identifier = identifier;
        // tag::handlers[]
        dispatcher
                .on("ping", ChatRequest.Ping.class, (from, ping) -> new Messages.Pong())
                .on("stats", ChatRequest.GetStats.class, (from, ask) -> statsMessage())
                .on("direct", ChatRequest.Direct.class, (from, direct) -> {
                    String to = Identity.validUser(direct.to());
                    int delivered = users.toUser(to, Messages.text(Messages.Direct.now(from.user(), direct.data())));
                    return new Messages.Delivered(delivered);
                });
        // end::handlers[]
    }

    /** @return the configuration */
    public ChatServerConfig config() {
        return config;
    }

    /** @return the registry */
    public ConnectionManager connections() {
        return connections;
    }

    /** @return the dispatcher, to add message types to */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** @return how messages reach a user, or everyone: this server's connections in lesson 02 */
    public UserDelivery users() {
        return users;
    }

    /** @return the executor that runs outbox sends and slow-client closes: a fixed pool ({@link Writers}) */
    public ExecutorService writers() {
        return writers;
    }

    /** @return how new connections get their user */
    public Identifier identifier() {
        return identifier;
    }

    /**
     * Adds work to run when a connection opens.
     *
     * @param listener called once per connection, after it joined the registry and before its first frame is read
     */
    public void onConnect(Consumer<Connection> listener) {
        connectListeners.add(listener);
    }

    /**
     * Adds work to run whenever a connection shows it is alive: a text frame or a pong arrived.
     *
     * @param listener called on Tyrus's thread; must not block
     */
    public void onActivity(Consumer<Connection> listener) {
        activityListeners.add(listener);
    }

    /**
     * Adds clean-up to run when a connection closes, however it closes.
     *
     * @param listener called once per connection, after it left the registry
     */
    public void onDisconnect(Consumer<Connection> listener) {
        disconnectListeners.add(listener);
    }

    /**
     * Adds work to run each time a message has left a connection's outbox and was written to its socket (lesson 09
     * counts them, and how many still wait behind: {@link Connection#queued()}).
     *
     * @param listener called on the thread that completed the send; must not block
     */
    public void onSent(Consumer<Connection> listener) {
        sentListeners.add(listener);
    }

    /**
     * Adds work to run when the WebSocket of a connection has closed, with the close code it closed with: the
     * client's, the server's, or 1006 when the TCP connection dropped without a close frame (lesson 09 counts them
     * by code). Unlike {@link #onDisconnect}, which may run before the close frame is sent, this runs once the
     * close is done, and knows the code.
     *
     * @param listener called once per connection whose {@link #onConnect} listeners ran, on Tyrus's thread
     */
    public void onClose(ObjIntConsumer<Connection> listener) {
        closeListeners.add(listener);
    }

    /**
     * Cleans up after a connection and closes it, without waiting for the client's answer: for a client that has
     * gone silent, a token that expired, a logout.
     *
     * @param connection the connection
     * @param code       the close code
     * @param reason     why, for the client
     */
    public void drop(Connection connection, int code, String reason) {
        disconnected(connection);
        connection.close(code, reason);
    }

    void connected(Connection connection) {
        connectListeners.forEach(listener -> listener.accept(connection));
    }

    void active(Connection connection) {
        activityListeners.forEach(listener -> listener.accept(connection));
    }

    void sent(Connection connection) {
        sentListeners.forEach(listener -> listener.accept(connection));
    }

    void closed(Connection connection, int code) {
        closeListeners.forEach(listener -> listener.accept(connection, code));
    }

    void disconnected(Connection connection) {
        if (connection.markGone()) {
            connections.remove(connection);
            disconnectListeners.forEach(listener -> listener.accept(connection));
        }
    }

    /** @return the {@code stats} message */
    public Messages.Stats statsMessage() {
        Stats stats = this.stats.get();
        return new Messages.Stats(stats.connections(), stats.users(), stats.perUser());
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
