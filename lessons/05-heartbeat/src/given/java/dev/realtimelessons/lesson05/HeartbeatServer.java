package dev.realtimelessons.lesson05;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.kit.server.RealtimeServer;

import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson03.LocalDelivery;
import dev.realtimelessons.lesson03.RoomDelivery;
import dev.realtimelessons.lesson03.Rooms;
import dev.realtimelessons.lesson04.AuthServer;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson05.history.InMemoryHistory;
import dev.realtimelessons.lesson05.history.RoomHistory;

/**
 * Lesson 04's authenticated rooms, plus a heartbeat that finds and removes dead connections, and a history that
 * outlives connections so that clients can resume.
 */
public final class HeartbeatServer implements AutoCloseable {

    /** Close code for a connection that stopped answering. */
    public static final int HEARTBEAT_TIMEOUT = 4008;

    private final AuthServer server;
    private final Heartbeat heartbeat;
    private final ScheduledExecutorService scheduler;

    private HeartbeatServer(AuthServer server, Heartbeat heartbeat, ScheduledExecutorService scheduler) {
        this.server = server;
        this.heartbeat = heartbeat;
        this.scheduler = scheduler;
    }

    /**
     * Starts a server whose history is in memory.
     *
     * @param auth      lesson 04's configuration
     * @param heartbeat the heartbeat's times and the history's size
     * @return the running server
     */
    public static HeartbeatServer start(AuthServerConfig auth, HeartbeatConfig heartbeat) {
        return start(auth, heartbeat, new InMemoryHistory(heartbeat.historySize()));
    }

    /**
     * Starts a server with a history of another kind.
     *
     * @param auth      lesson 04's configuration
     * @param config    the heartbeat's times
     * @param history   where room messages are numbered and kept
     * @return the running server
     */
    public static HeartbeatServer start(AuthServerConfig auth, HeartbeatConfig config, RoomHistory history) {
        return start(auth, config, history, LocalDelivery::new, app -> UnaryOperator.identity());
    }

    /**
     * Starts a server that a later lesson extends (lesson 06: Redis Streams for the history, Redis pub/sub for
     * the delivery).
     *
     * @param auth     lesson 04's configuration
     * @param config   the heartbeat's times
     * @param history  where room messages are numbered and kept
     * @param delivery makes the delivery from the rooms
     * @param extend   adds to the application, and returns what to add to the server
     * @return the running server
     */
    // tag::wiring[]
    public static HeartbeatServer start(AuthServerConfig auth, HeartbeatConfig config, RoomHistory history,
                                        Function<Rooms, RoomDelivery> delivery,
                                        Function<ChatApp, UnaryOperator<RealtimeServer.Builder>> extend) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, DaemonThreads.named("heartbeat"));
        Heartbeat[] heartbeat = new Heartbeat[1];
        AuthServer server = AuthServer.start(auth, Clock.systemUTC(), new ResumableLog(history), delivery, app -> {
            heartbeat[0] = new Heartbeat(scheduler, config.interval(), config.timeout(),
                    dead -> app.drop(dead, HEARTBEAT_TIMEOUT, "heartbeat timeout"));
            app.onConnect(heartbeat[0]::start);
            app.onActivity(heartbeat[0]::alive); // any frame proves life, not only a pong
            app.onDisconnect(heartbeat[0]::stop);
            return extend.apply(app);
        });
        return new HeartbeatServer(server, heartbeat[0], scheduler);
    }
    // end::wiring[]

    /** @return lesson 04's server */
    public AuthServer auth() {
        return server;
    }

    /** @return lesson 02's application */
    public ChatApp app() {
        return server.app();
    }

    /** @return the heartbeat */
    public Heartbeat heartbeat() {
        return heartbeat;
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
