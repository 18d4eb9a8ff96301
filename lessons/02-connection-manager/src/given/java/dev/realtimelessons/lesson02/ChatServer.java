package dev.realtimelessons.lesson02;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.realtimelessons.kit.server.Endpoints;
import dev.realtimelessons.kit.server.RealtimeServer;

/**
 * The chat server: {@code /ws} for clients, {@code /api/*} for the rest of the system. It holds what runs (the
 * application, the HTTP and WebSocket server, and whatever else a lesson started) and stops it all in
 * {@link #close}. Later lessons build their own application and parts, then {@link #serve} them here.
 */
public final class ChatServer implements LessonServer {

    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());
    /** RFC 6455's "going away": the server is shutting down. */
    private static final int GOING_AWAY = 1001;
    /** How long {@link #close} lets clients answer the close before it drops them. */
    public static final Duration GOING_AWAY_GRACE = Duration.ofSeconds(1);

    private final ChatApp app;
    private final RealtimeServer server;
    private final List<AutoCloseable> parts;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChatServer(ChatApp app, RealtimeServer server, List<AutoCloseable> parts) {
        this.app = app;
        this.server = server;
        this.parts = parts;
    }

    /**
     * Starts lesson 02's server.
     *
     * @param config the configuration
     * @return the running server
     */
    // tag::wiring[]
    public static ChatServer start(ChatServerConfig config) {
        ChatApp app = new ChatApp(config); // the registry, the dispatcher, the writers
        return serve(app, describe(app));
    }

    /**
     * Lesson 02's server, described but not started: a later lesson adds its page, a handshake guard, more HTTP.
     *
     * @param app the application, with every message type registered
     * @return the description
     */
    public static RealtimeServer.Builder describe(ChatApp app) {
        return RealtimeServer.builder()
                .host(app.config().host())
                .port(app.config().port())
                .maxMessageBytes(app.config().maxMessageBytes()) // larger: closed with 1009 at the frame header
                .connectionLimits(app.config().connectionLimits()) // refused at the handshake: 503 or 429
                .connectionUser(new UserOfHandshake(app))
                .websocket(Endpoints.perConnection(ChatEndpoint.class, "/ws", () -> new ChatEndpoint(app)))
                .http("/api/*", new RestApi(app));
    }
    // end::wiring[]

    /**
     * Starts a server and holds it with what it needs, so that {@link #close} stops them all.
     *
     * @param app         the application, with every message type and listener registered
     * @param description the server to start
     * @param parts       what the lesson started for this server (its scheduler, a Redis connection), closed in
     *                    this order after the server and the application
     * @return the running server
     */
    public static ChatServer serve(ChatApp app, RealtimeServer.Builder description, AutoCloseable... parts) {
        RealtimeServer server;
        try {
            server = description.start();
        } catch (RuntimeException e) { // the port is taken, say: stop what the lesson started for nothing
            app.close();
            closeAll(List.of(parts));
            throw e;
        }
        return new ChatServer(app, server, List.of(parts));
    }

    @Override
    public ChatServer chat() {
        return this;
    }

    /** @return the application */
    @Override
    public ChatApp app() {
        return app;
    }

    /**
     * An absolute URI on this server.
     *
     * @param scheme       {@code http} or {@code ws}
     * @param pathAndQuery for example {@code /ws?user=ada}
     * @return the URI
     */
    @Override
    public URI uri(String scheme, String pathAndQuery) {
        return server.uri(scheme, pathAndQuery);
    }

    /**
     * Refuses new WebSocket connections from now on (503 {@code shutting_down}, with {@code Retry-After}); the open
     * ones stay. The first step of a drain (lesson 09 then moves the clients away in batches).
     */
    public void refuseNewConnections() {
        server.drain();
    }

    /**
     * Refuses new connections (503 {@code shutting_down}), tells every client it is going away (1001, after what is
     * queued for it), waits up to {@link #GOING_AWAY_GRACE} for them to go, then stops listening and closes what
     * is left, the writers, and the lesson's parts; once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        goAway();
        server.close();
        app.close();
        closeAll(parts);
    }

    // A close frame in band, after the last message, rather than the TCP connection closed under it: when a
    // message and the end of the stream arrived together, JDK 17's WebSocket client sometimes never reported the
    // close (its EOF signal is dropped while a message is being delivered), and a reconnecting client stayed
    // "connected" to a server that was gone (ReconnectTest, about 1 run in 10).
    private void goAway() {
        server.drain(); // no new connection while the old ones go: a reconnecting client waits for the next server
        try {
            for (Connection connection : app.connections().connections()) {
                connection.closeAfterQueued(GOING_AWAY, "server shutting down");
            }
        } catch (RuntimeException e) { // lesson 02's starter, for one: nothing to tell
            LOG.log(System.Logger.Level.DEBUG, "could not list the connections to close: {0}", e.toString());
            return;
        }
        server.awaitNoConnections(GOING_AWAY_GRACE); // bounded: a client that never reads is cut off after it
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) { // the others still need closing
                LOG.log(System.Logger.Level.WARNING, "closing {0} failed: {1}", part, e.toString());
            }
        }
    }
}
