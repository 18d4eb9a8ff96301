package dev.realtimelessons.lesson07;

import java.sql.SQLException;
import java.util.function.Supplier;

import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.Dispatcher;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.ServerMessage;
import dev.realtimelessons.lesson03.Room;
import dev.realtimelessons.lesson03.RoomMessages;
import dev.realtimelessons.lesson03.RoomRequest;
import dev.realtimelessons.lesson03.Rooms;
import dev.realtimelessons.lesson03.TypingIndicator;
import dev.realtimelessons.lesson06.ClusterRooms;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson06.RoomWorkers;

/**
 * Lesson 07's handlers, on a cluster server: {@code publish} stores the message before anyone gets it, answers
 * a retry with the first {@code seq}, and ends the sender's typing; {@code edit}, {@code delete} and {@code read}
 * change the database, then tell the room; {@code typing} can stop; {@code sync} reads a page of the room's
 * messages; a {@code join}'s answer says how many messages the user has not read. Each runs on its room's worker,
 * so a room's changes reach every member in the order they were made. A database that cannot be reached makes
 * them answer {@code unavailable}, having stored and delivered nothing.
 */
public final class ChatHandlers {

    private final Rooms rooms;
    private final ClusterRooms delivery;
    private final MessageStore store;
    private final ReadReceipts receipts;
    private final SyncPages pages;
    private final TypingIndicator typing;

    private ChatHandlers(Rooms rooms, ClusterRooms delivery, MessageStore store, ReadReceipts receipts,
                         SyncPages pages, TypingIndicator typing) {
        this.rooms = rooms;
        this.delivery = delivery;
        this.store = store;
        this.receipts = receipts;
        this.pages = pages;
        this.typing = typing;
    }

    /**
     * Installs the handlers on a cluster server.
     *
     * @param server   the server's parts
     * @param store    the messages
     * @param receipts the read receipts
     * @param pages    the pages a {@code sync} reads
     */
    public static void install(ClusterServer.Parts server, MessageStore store, ReadReceipts receipts,
                               SyncPages pages) {
        ChatHandlers handlers = new ChatHandlers(server.rooms(), server.delivery(), store, receipts, pages,
                server.typing());
        RoomWorkers workers = server.workers();
        Dispatcher.Placement byRoom = (from, request) -> workers.of(request.body().path("room").asText(""));
        server.app().dispatcher()
                .replace("publish", ChatRequest.Publish.class, handlers::publish)
                .on("edit", ChatRequest.Edit.class, handlers::edit)
                .on("delete", ChatRequest.Delete.class, handlers::delete)
                .on("read", ChatRequest.Read.class, handlers::read)
                .on("sync", ChatRequest.Sync.class, handlers::sync)
                .replace("typing", ChatRequest.Typing.class, handlers::typing)
                .runOn("edit", byRoom).runOn("delete", byRoom).runOn("read", byRoom).runOn("sync", byRoom)
                .around("join", RoomRequest.Join.class, join -> (from, request) -> {
                    long unread = handlers.unread(request.room(), from.user()); // before joining: refused cleanly
                    ServerMessage answer = join.handle(from, request);
                    return answer instanceof RoomMessages.JoinAck ack
                            ? new ChatMessages.JoinAck(ack.room(), ack.seq(), ack.epoch(), ack.recovered(), unread)
                            : answer;
                });
    }

    // tag::publish[]
    private ServerMessage publish(Connection from, ChatRequest.Publish request) throws ProtocolError {
        Room room = memberRoom(from, request);
        Sent sent = inRoomOrder(room, () -> {
            Sent stored = database(() -> store.append(room.name(), from.user(), request.clientMsgId(),
                    request.data())); // committed: from here on, telling anyone is safe
            if (!stored.retry()) { // a retry was delivered the first time: nobody gets it twice
                typing.stopped(room.name(), from.user()); // sending ends typing: before the message, not after
                delivery.deliverMessage(room, stored.message().toRoomMessage(),
                        request.excludeSelf() ? from.id() : null);
            }
            return stored;
        });
        return new RoomMessages.PublishAck(room.name(), sent.message().seq());
    }
    // end::publish[]

    private ServerMessage edit(Connection from, ChatRequest.Edit request) throws ProtocolError {
        Room room = memberRoom(from, request);
        StoredMessage edited = changed(() -> store.edit(room.name(), request.seq(), from.user(), request.data(),
                request.version()));
        delivery.deliver(room.name(), Messages.text(new ChatMessages.MessageUpdated(edited)), null);
        return new ChatMessages.Changed(room.name(), edited.seq(), edited.version());
    }

    private ServerMessage delete(Connection from, ChatRequest.Delete request) throws ProtocolError {
        Room room = memberRoom(from, request);
        Deleted deleted = changed(() -> store.delete(room.name(), request.seq(), from.user()));
        if (deleted.now()) {
            delivery.deliver(room.name(), Messages.text(new ChatMessages.MessageDeleted(deleted.tombstone())), null);
        }
        return new ChatMessages.Changed(room.name(), deleted.tombstone().seq(), deleted.tombstone().version());
    }

    private ServerMessage read(Connection from, ChatRequest.Read request) throws ProtocolError {
        Room room = memberRoom(from, request);
        boolean moved;
        try {
            moved = receipts.markRead(room.name(), from.user(), request.seq());
        } catch (IllegalArgumentException e) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, e.getMessage());
        } catch (SQLException e) {
            throw unavailable();
        }
        if (moved) { // the others, and the reader's other tabs
            delivery.deliver(room.name(), Messages.text(new ChatMessages.Read(room.name(), from.user(),
                    request.seq())), from.id());
        }
        return null;
    }

    private ServerMessage typing(Connection from, ChatRequest.Typing request) throws ProtocolError {
        Room room = memberRoom(from, request);
        if (request.stops()) {
            typing.stopped(room.name(), from.user());
        } else {
            typing.typed(room.name(), from.user());
        }
        return null;
    }

    private ServerMessage sync(Connection from, ChatRequest.Sync request) throws ProtocolError {
        Room room = memberRoom(from, request);
        Page page;
        try {
            page = pages.page(room.name(), request.after(), request.pageSize());
        } catch (SQLException e) {
            throw unavailable();
        }
        return new ChatMessages.SyncPage(room.name(),
                page.messages().stream().map(StoredMessage::toRoomMessage).toList(), page.next(), page.more());
    }

    private long unread(String room, String user) throws ProtocolError {
        try {
            return receipts.unread(room, user);
        } catch (SQLException e) {
            throw unavailable();
        }
    }

    private Room memberRoom(Connection from, ChatRequest request) throws ProtocolError {
        return rooms.room(request.room()).filter(room -> room.contains(from)).orElseThrow(() ->
                new ProtocolError(ErrorCode.NOT_A_MEMBER, "join room '" + request.room() + "' before sending to it"));
    }

    /** Runs in the room's order (on its worker), carrying a refusal out of the supplier. */
    private <T> T inRoomOrder(Room room, Supplier<T> work) throws ProtocolError {
        try {
            return delivery.inRoomOrder(room, work);
        } catch (Refusal refusal) {
            throw refusal.error;
        }
    }

    private static <T> T database(SqlCall<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw new Refusal(unavailable());
        } catch (EditRefused e) {
            throw new Refusal(e.toProtocolError());
        }
    }

    private static <T> T changed(SqlCall<T> call) throws ProtocolError {
        try {
            return call.run();
        } catch (SQLException e) {
            throw unavailable();
        } catch (EditRefused e) {
            throw e.toProtocolError();
        }
    }

    private static ProtocolError unavailable() {
        return new ProtocolError(ErrorCode.UNAVAILABLE,
                "the database cannot be reached; nothing was changed, try again");
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException, EditRefused;
    }

    /** A refusal on its way out of a {@link Supplier}, which cannot throw a checked exception. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ProtocolError error;

        Refusal(ProtocolError error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }
}
