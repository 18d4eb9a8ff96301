package dev.realtimelessons.lesson04;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.kit.server.RealtimeServer;
import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.ChatServer;
import dev.realtimelessons.lesson02.ConnectionManager;
import dev.realtimelessons.lesson02.LessonServer;
import dev.realtimelessons.lesson02.LocalUsers;
import dev.realtimelessons.lesson02.RestApi;
import dev.realtimelessons.lesson03.FloodControl;
import dev.realtimelessons.lesson03.LocalDelivery;
import dev.realtimelessons.lesson03.RoomDelivery;
import dev.realtimelessons.lesson03.RoomHandlers;
import dev.realtimelessons.lesson03.RoomLog;
import dev.realtimelessons.lesson03.Rooms;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson03.RoomsServer;
import dev.realtimelessons.lesson03.TypingIndicator;

/**
 * Lesson 03's rooms behind authentication: the handshake must carry a valid token or API key, {@code /api/token}
 * is the dev login, and the admin API needs an API key or the admin role.
 */
public final class AuthServer implements LessonServer {

    private final RoomsServer rooms;
    private final AuthHandlers auth;
    private final TokenIssuer issuer;
    private final AuthConfig config;

    /**
     * Holds a running server's parts (lesson 05 and 06 build theirs, then hold them here).
     *
     * @param rooms  lesson 03's server: the chat server and the rooms
     * @param auth   the authentication handlers
     * @param issuer issues tokens signed with this server's key
     * @param config how clients authenticate
     */
    public AuthServer(RoomsServer rooms, AuthHandlers auth, TokenIssuer issuer, AuthConfig config) {
        this.rooms = rooms;
        this.auth = auth;
        this.issuer = issuer;
        this.config = config;
    }

    /**
     * Starts a server.
     *
     * @param config the configuration
     * @return the running server
     */
    // tag::wiring[]
    public static AuthServer start(AuthServerConfig config) {
        Clock clock = Clock.systemUTC();
        AuthConfig auth = config.auth();
        RoomsConfig roomsConfig = config.rooms();
        // One timer thread: typing indicators end on it, and now tokens expire on it.
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, DaemonThreads.named("scheduler"));
        ConnectionManager connections = new ConnectionManager();
        ChatApp app = new ChatApp(roomsConfig.chat(), connections, new LocalUsers(connections), connections::stats,
                AuthHandlers.IDENTIFIER); // the user is the one the handshake verified
        Rooms rooms = new Rooms(roomsConfig.historySize()); // lesson 03, as it was
        RoomDelivery delivery = new LocalDelivery(rooms);
        RoomHandlers.install(app, rooms, delivery, new TypingIndicator(roomsConfig.typingExpiry(), scheduler, delivery),
                new FloodControl(roomsConfig), RoomLog.IN_ROOM);
        TokenVerifier verifier = new TokenVerifier(auth, clock); // lesson 04
        TokenIssuer issuer = new TokenIssuer(auth, clock);
        AuthHandlers handlers = AuthHandlers.install(app, verifier, auth.clockSkew(), scheduler, clock);
        RealtimeServer.Builder description = guard(ChatServer.describe(app).staticFiles("/", RoomsServer.PAGE),
                app, auth, new Authenticator(auth, verifier), issuer, handlers);
        ChatServer chat = ChatServer.serve(app, description, scheduler::shutdownNow);
        return new AuthServer(new RoomsServer(chat, rooms), handlers, issuer, auth);
    }
    // end::wiring[]

    /**
     * Puts lesson 04's checks in front of a server: the dev login, and, unless authentication is off, the
     * handshake guard and the admin API.
     *
     * @param server        the server's description
     * @param app           the application
     * @param auth          how clients authenticate
     * @param authenticator decides who a handshake or an API call is from
     * @param issuer        signs the dev login's tokens
     * @param handlers      logs users out for the admin API
     * @return the description
     */
    // tag::guard[]
    public static RealtimeServer.Builder guard(RealtimeServer.Builder server, ChatApp app, AuthConfig auth,
                                               Authenticator authenticator, TokenIssuer issuer,
                                               AuthHandlers handlers) {
        server.http("/api/token", new DevLogin(auth, issuer));
        if (auth.required()) { // off: anyone connects as ?user=, and the admin API is open (lesson 02)
            server.guard(new HandshakeAuth(authenticator))
                    .http("/api/*", new AdminApi(new RestApi(app), authenticator, handlers));
        }
        return server;
    }
    // end::guard[]

    @Override
    public ChatServer chat() {
        return rooms.chat();
    }

    /** @return lesson 03's server: the application and the rooms */
    public RoomsServer rooms() {
        return rooms;
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
}
