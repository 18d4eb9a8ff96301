package dev.realtimelessons.lesson04;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.kit.server.RealtimeServer;
import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.RestApi;
import dev.realtimelessons.lesson03.LocalDelivery;
import dev.realtimelessons.lesson03.RoomDelivery;
import dev.realtimelessons.lesson03.RoomLog;
import dev.realtimelessons.lesson03.Rooms;
import dev.realtimelessons.lesson03.RoomsServer;

/**
 * Lesson 03's rooms behind authentication: the handshake must carry a valid token or API key, {@code /api/token}
 * is the dev login, and the admin API needs an API key or the admin role.
 */
public final class AuthServer implements AutoCloseable {

    private final RoomsServer server;
    private final AuthHandlers auth;
    private final TokenIssuer issuer;
    private final ScheduledExecutorService scheduler;
    private final AuthConfig config;

    private AuthServer(RoomsServer server, AuthHandlers auth, TokenIssuer issuer,
                       ScheduledExecutorService scheduler, AuthConfig config) {
        this.server = server;
        this.config = config;
        this.auth = auth;
        this.issuer = issuer;
        this.scheduler = scheduler;
    }

    /**
     * Starts a server.
     *
     * @param config the configuration
     * @return the running server
     */
    public static AuthServer start(AuthServerConfig config) {
        return start(config, Clock.systemUTC(), RoomLog.IN_ROOM, app -> UnaryOperator.identity());
    }

    /**
     * Starts a server that a later lesson extends.
     *
     * @param config the configuration
     * @param clock  the time tokens are issued and expire by
     * @param log    how room messages are numbered and kept
     * @param extend adds to the application, and returns what to add to the server
     * @return the running server
     */
    public static AuthServer start(AuthServerConfig config, Clock clock, RoomLog log,
                                   Function<ChatApp, UnaryOperator<RealtimeServer.Builder>> extend) {
        return start(config, clock, log, LocalDelivery::new, extend);
    }

    /**
     * Starts a server that a later lesson extends, with another way to deliver room messages (lesson 06: Redis).
     *
     * @param config   the configuration
     * @param clock    the time tokens are issued and expire by
     * @param log      how room messages are numbered and kept
     * @param delivery makes the delivery from the rooms
     * @param extend   adds to the application, and returns what to add to the server
     * @return the running server
     */
    // tag::wiring[]
    public static AuthServer start(AuthServerConfig config, Clock clock, RoomLog log,
                                   Function<Rooms, RoomDelivery> delivery,
                                   Function<ChatApp, UnaryOperator<RealtimeServer.Builder>> extend) {
        AuthConfig auth = config.auth();
        TokenVerifier verifier = new TokenVerifier(auth, clock);
        Authenticator authenticator = new Authenticator(auth, verifier);
        TokenIssuer issuer = new TokenIssuer(auth, clock);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("token-expiry"));
        AuthHandlers[] handlers = new AuthHandlers[1];
        RoomsServer server = RoomsServer.start(config.rooms(), delivery, log, app -> {
            handlers[0] = AuthHandlers.install(app, verifier, auth.clockSkew(), scheduler, clock);
            UnaryOperator<RealtimeServer.Builder> more = extend.apply(app);
            return builder -> {
                builder.http("/api/token", new DevLogin(auth, issuer));
                if (auth.required()) { // off: anyone connects as ?user=, and the admin API is open (lesson 02)
                    builder.guard(new HandshakeAuth(authenticator))
                            .http("/api/*", new AdminApi(new RestApi(app), authenticator, handlers[0]));
                }
                return more.apply(builder);
            };
        });
        return new AuthServer(server, handlers[0], issuer, scheduler, auth);
    }
    // end::wiring[]

    /** @return lesson 03's server: the application and the rooms */
    public RoomsServer rooms() {
        return server;
    }

    /** @return lesson 02's application */
    public ChatApp app() {
        return server.app();
    }

    /** @return the authentication handlers: logout, the expiry watch */
    public AuthHandlers auth() {
        return auth;
    }

    /** @return how clients authenticate */
    public AuthConfig authConfig() {
        return config;
    }

    /** @return issues tokens signed with this server's key */
    public TokenIssuer issuer() {
        return issuer;
    }

    /**
     * An absolute URI on this server.
     *
     * @param scheme       {@code http} or {@code ws}
     * @param pathAndQuery for example {@code /ws}
     * @return the URI
     */
    public URI uri(String scheme, String pathAndQuery) {
        return server.uri(scheme, pathAndQuery);
    }

    @Override
    public void close() {
        server.close();
        scheduler.shutdownNow();
    }
}
