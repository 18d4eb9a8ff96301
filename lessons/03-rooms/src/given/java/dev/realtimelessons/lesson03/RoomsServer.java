package dev.realtimelessons.lesson03;

import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.kit.server.RealtimeServer;
import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.ChatServer;

/**
 * Lesson 02's chat server with rooms: the same endpoint, REST API and protocol, plus {@code join}, {@code leave},
 * {@code publish} and {@code typing}, and the chat page at {@code /}.
 */
public final class RoomsServer implements AutoCloseable {

    private final ChatServer server;
    private final Rooms rooms;
    private final ScheduledExecutorService scheduler;

    private RoomsServer(ChatServer server, Rooms rooms, ScheduledExecutorService scheduler) {
        this.server = server;
        this.rooms = rooms;
        this.scheduler = scheduler;
    }

    /**
     * Starts a server whose rooms deliver in memory.
     *
     * @param config the configuration
     * @return the running server
     */
    public static RoomsServer start(RoomsConfig config) {
        return start(config, LocalDelivery::new);
    }

    /**
     * Starts a server with another way to deliver room messages (lesson 06: Redis).
     *
     * @param config   the configuration
     * @param delivery makes the delivery from the rooms
     * @return the running server
     */
    public static RoomsServer start(RoomsConfig config, Function<Rooms, RoomDelivery> delivery) {
        return start(config, delivery, RoomLog.IN_ROOM, app -> UnaryOperator.identity());
    }

    /**
     * Starts a server that a later lesson extends: another log (lesson 05), more handlers and more of the server
     * (lesson 04).
     *
     * @param config   the configuration
     * @param delivery makes the delivery from the rooms
     * @param log      how room messages are numbered and kept
     * @param extend   adds to the application once lesson 03's handlers are in, and returns what to add to the
     *                 server's description
     * @return the running server
     */
    // tag::wiring[]
    public static RoomsServer start(RoomsConfig config, Function<Rooms, RoomDelivery> delivery, RoomLog log,
                                    Function<ChatApp, UnaryOperator<RealtimeServer.Builder>> extend) {
        ChatApp app = new ChatApp(config.chat());
        Rooms rooms = new Rooms(config.historySize());
        RoomDelivery roomDelivery = delivery.apply(rooms);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("typing-expiry"));
        RoomHandlers.install(app, rooms, roomDelivery,
                new TypingIndicator(config.typingExpiry(), scheduler, roomDelivery), new FloodControl(config), log);
        UnaryOperator<RealtimeServer.Builder> more = extend.apply(app);
        return new RoomsServer(ChatServer.start(app, "web/lesson03", more), rooms, scheduler);
    }
    // end::wiring[]

    /** @return lesson 02's application: the registry and the dispatcher */
    public ChatApp app() {
        return server.app();
    }

    /** @return the rooms */
    public Rooms rooms() {
        return rooms;
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
        scheduler.shutdownNow();
    }
}
