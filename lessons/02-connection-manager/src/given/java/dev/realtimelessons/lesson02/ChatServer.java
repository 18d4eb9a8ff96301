package dev.realtimelessons.lesson02;

import java.net.URI;
import java.util.function.UnaryOperator;

import dev.realtimelessons.kit.server.Endpoints;
import dev.realtimelessons.kit.server.RealtimeServer;

/**
 * The chat server: {@code /ws} for clients, {@code /api/*} for the rest of the system, and, when a lesson has
 * one, its page at {@code /}.
 */
public final class ChatServer implements AutoCloseable {

    private final ChatApp app;
    private final RealtimeServer server;

    private ChatServer(ChatApp app, RealtimeServer server) {
        this.app = app;
        this.server = server;
    }

    /**
     * Starts lesson 02's server.
     *
     * @param config the configuration
     * @return the running server
     */
    public static ChatServer start(ChatServerConfig config) {
        return start(new ChatApp(config), null);
    }

    /**
     * Starts a server for an application that a later lesson has extended.
     *
     * @param app        the application, with every message type registered
     * @param pageFolder a classpath folder served at {@code /}, or null
     * @return the running server
     */
    public static ChatServer start(ChatApp app, String pageFolder) {
        return start(app, pageFolder, UnaryOperator.identity());
    }

    /**
     * Starts a server for an application that a later lesson has extended, with more of the server to set up
     * (lesson 04: a handshake guard and more HTTP handlers).
     *
     * @param app        the application, with every message type registered
     * @param pageFolder a classpath folder served at {@code /}, or null
     * @param more       adds to the server's description
     * @return the running server
     */
    // tag::wiring[]
    public static ChatServer start(ChatApp app, String pageFolder, UnaryOperator<RealtimeServer.Builder> more) {
        RealtimeServer.Builder builder = RealtimeServer.builder()
                .host(app.config().host())
                .port(app.config().port())
                .maxMessageBytes(app.config().maxMessageBytes()) // larger: closed with 1009 at the frame header
                .connectionLimits(app.config().connectionLimits()) // refused at the handshake: 503 or 429
                .connectionUser(new UserOfHandshake(app))
                .websocket(Endpoints.perConnection(ChatEndpoint.class, "/ws", () -> new ChatEndpoint(app)))
                .http("/api/*", new RestApi(app));
        if (pageFolder != null) {
            builder.staticFiles("/", pageFolder);
        }
        return new ChatServer(app, more.apply(builder).start());
    }
    // end::wiring[]

    /** @return the application */
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
    public URI uri(String scheme, String pathAndQuery) {
        return server.uri(scheme, pathAndQuery);
    }

    @Override
    public void close() {
        server.close();
        app.close();
    }
}
