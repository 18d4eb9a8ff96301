package dev.realtimelessons.lesson03;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.ChatServer;
import dev.realtimelessons.lesson02.LessonServer;

/**
 * Lesson 02's chat server with rooms: the same endpoint, REST API and protocol, plus {@code join}, {@code leave},
 * {@code publish} and {@code typing}, and the chat page at {@code /}.
 */
public final class RoomsServer implements LessonServer {

    /** The chat page's classpath folder, served at {@code /}. */
    public static final String PAGE = "web/lesson03";

    private final ChatServer chat;
    private final Rooms rooms;

    /**
     * Holds a running server's parts (later lessons build theirs, then hold them here).
     *
     * @param chat  the running chat server
     * @param rooms its rooms
     */
    public RoomsServer(ChatServer chat, Rooms rooms) {
        this.chat = chat;
        this.rooms = rooms;
    }

    /**
     * Starts a server whose rooms deliver in memory.
     *
     * @param config the configuration
     * @return the running server
     */
    // tag::wiring[]
    public static RoomsServer start(RoomsConfig config) {
        // One timer thread for the whole server: it ends typing indicators here, more in later lessons.
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, DaemonThreads.named("scheduler"));
        ChatApp app = new ChatApp(config.chat()); // lesson 02: the registry, the dispatcher, the writers
        Rooms rooms = new Rooms(config.historySize());
        RoomDelivery delivery = new LocalDelivery(rooms);
        TypingIndicator typing = new TypingIndicator(config.typingExpiry(), scheduler, delivery);
        RoomHandlers.install(app, rooms, delivery, typing, new FloodControl(config), RoomLog.IN_ROOM);
        ChatServer chat = ChatServer.serve(app, ChatServer.describe(app).staticFiles("/", PAGE),
                scheduler::shutdownNow);
        return new RoomsServer(chat, rooms);
    }
    // end::wiring[]

    @Override
    public ChatServer chat() {
        return chat;
    }

    /** @return the rooms */
    public Rooms rooms() {
        return rooms;
    }
}
