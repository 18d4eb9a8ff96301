package dev.realtimelessons.lesson05;

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
import dev.realtimelessons.lesson03.FloodControl;
import dev.realtimelessons.lesson03.LocalDelivery;
import dev.realtimelessons.lesson03.RoomDelivery;
import dev.realtimelessons.lesson03.RoomHandlers;
import dev.realtimelessons.lesson03.Rooms;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson03.RoomsServer;
import dev.realtimelessons.lesson03.TypingIndicator;
import dev.realtimelessons.lesson04.AuthConfig;
import dev.realtimelessons.lesson04.AuthHandlers;
import dev.realtimelessons.lesson04.AuthServer;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson04.Authenticator;
import dev.realtimelessons.lesson04.TokenIssuer;
import dev.realtimelessons.lesson04.TokenVerifier;
import dev.realtimelessons.lesson05.history.InMemoryHistory;

/**
 * Lesson 04's authenticated rooms, plus a heartbeat that finds and removes dead connections, and a history that
 * outlives connections so that clients can resume.
 */
public final class HeartbeatServer implements LessonServer {

    /** Close code for a connection that stopped answering. */
    public static final int HEARTBEAT_TIMEOUT = 4008;

    private final AuthServer auth;
    private final Heartbeat heartbeat;

    /**
     * Holds a running server's parts (lesson 06 builds its own, then holds them here).
     *
     * @param auth      lesson 04's server: the chat server, the rooms, the authentication
     * @param heartbeat the heartbeat
     */
    public HeartbeatServer(AuthServer auth, Heartbeat heartbeat) {
        this.auth = auth;
        this.heartbeat = heartbeat;
    }

    /**
     * Starts a server whose history is in memory.
     *
     * @param config lesson 04's configuration
     * @param beat   the heartbeat's times and the history's size
     * @return the running server
     */
    // tag::wiring[]
    public static HeartbeatServer start(AuthServerConfig config, HeartbeatConfig beat) {
        Clock clock = Clock.systemUTC();
        AuthConfig authConfig = config.auth();
        RoomsConfig roomsConfig = config.rooms();
        // One timer thread: typing indicators, token expiries, and now every connection's heartbeat.
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, DaemonThreads.named("scheduler"));
        ConnectionManager connections = new ConnectionManager();
        ChatApp app = new ChatApp(roomsConfig.chat(), connections, new LocalUsers(connections), connections::stats,
                AuthHandlers.IDENTIFIER);
        Rooms rooms = new Rooms(roomsConfig.historySize()); // lesson 03, with a log that outlives the members
        RoomDelivery delivery = new LocalDelivery(rooms);
        RoomHandlers.install(app, rooms, delivery, new TypingIndicator(roomsConfig.typingExpiry(), scheduler, delivery),
                new FloodControl(roomsConfig), new ResumableLog(new InMemoryHistory(beat.historySize())));
        TokenVerifier verifier = new TokenVerifier(authConfig, clock); // lesson 04, as it was
        TokenIssuer issuer = new TokenIssuer(authConfig, clock);
        AuthHandlers auth = AuthHandlers.install(app, verifier, authConfig.clockSkew(), scheduler, clock);
        Heartbeat heartbeat = install(app, scheduler, beat); // lesson 05
        RealtimeServer.Builder page = ChatServer.describe(app).staticFiles("/", RoomsServer.PAGE);
        RealtimeServer.Builder description = AuthServer.guard(page,
                app, authConfig, new Authenticator(authConfig, verifier), issuer, auth);
        ChatServer chat = ChatServer.serve(app, description, scheduler::shutdownNow);
        return new HeartbeatServer(new AuthServer(new RoomsServer(chat, rooms), auth, issuer, authConfig), heartbeat);
    }
    // end::wiring[]

    /**
     * Adds lesson 05 to an application: a heartbeat for every connection, and the resume fields' check on
     * {@code join}.
     *
     * @param app       the application
     * @param scheduler runs the heartbeats
     * @param beat      the heartbeat's times
     * @return the heartbeat
     */
    // tag::install[]
    public static Heartbeat install(ChatApp app, ScheduledExecutorService scheduler, HeartbeatConfig beat) {
        Heartbeat heartbeat = new Heartbeat(scheduler, beat.interval(), beat.timeout(),
                dead -> app.drop(dead, HEARTBEAT_TIMEOUT, "heartbeat timeout"));
        app.onConnect(heartbeat::start);
        app.onActivity(heartbeat::alive); // any frame proves life, not only a pong
        app.onDisconnect(heartbeat::stop);
        return heartbeat;
    }
    // end::install[]

    @Override
    public ChatServer chat() {
        return auth.chat();
    }

    /** @return lesson 04's server */
    public AuthServer auth() {
        return auth;
    }

    /** @return the heartbeat */
    public Heartbeat heartbeat() {
        return heartbeat;
    }
}
