package dev.realtimelessons.lesson03;

import java.util.concurrent.atomic.AtomicReference;

import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * Lesson 03's message types, added to lesson 02's dispatcher: {@code join}, {@code leave}, {@code publish} and
 * {@code typing}; and, when a connection closes, leaving every room it was in.
 */
public final class RoomHandlers {

    private final Rooms rooms;
    private final RoomDelivery delivery;
    private final TypingIndicator typing;
    private final RoomLog log;

    private RoomHandlers(Rooms rooms, RoomDelivery delivery, TypingIndicator typing, RoomLog log) {
        this.rooms = rooms;
        this.delivery = delivery;
        this.typing = typing;
        this.log = log;
    }

    /**
     * Registers the handlers and the clean-up on an application.
     *
     * @param app      lesson 02's application
     * @param rooms    the rooms
     * @param delivery how room messages reach members
     * @param typing   the typing indicator
     * @param flood    the flood control gate
     * @param log      how messages are numbered and kept ({@link RoomLog#IN_ROOM} in this lesson)
     */
    public static void install(ChatApp app, Rooms rooms, RoomDelivery delivery, TypingIndicator typing,
                               FloodControl flood, RoomLog log) {
        RoomHandlers handlers = new RoomHandlers(rooms, delivery, typing, log);
        app.dispatcher()
                .gate(flood)
                .on("join", RoomRequest.Join.class, handlers::join)
                .on("leave", RoomRequest.Leave.class, handlers::leave)
                .on("publish", RoomRequest.Publish.class, handlers::publish)
                .on("typing", RoomRequest.Typing.class, handlers::typing);
        app.onDisconnect(connection -> {
            for (Membership left : rooms.leaveAll(connection)) {
                handlers.announce(left, false, connection);
            }
            flood.forget(connection);
        });
    }

    // tag::join[]
    private ServerMessage join(Connection from, RoomRequest.Join request) {
        String name = request.room();
        AtomicReference<RoomMessages.JoinAck> ack = new AtomicReference<>();
        rooms.join(name, from, joined -> { // runs with the room locked: nothing is published meanwhile
            Room room = joined.room();
            RoomLog.Past past = delivery.joining(room, from, log.replay(room, request));
            from.send(Messages.text(delivery.members(room)));
            for (RoomMessage old : past.messages()) {
                from.send(Messages.text(old.asHistory())); // a copy: the kept message is shared, and stays as is
            }
            ack.set(past.ack());
            announce(joined, true, from);
        });
        return ack.get();
    }
    // end::join[]

    private ServerMessage leave(Connection from, RoomRequest.Leave request) {
        rooms.leave(request.room(), from).ifPresent(left -> announce(left, false, from));
        return null;
    }

    // tag::publish[]
    private ServerMessage publish(Connection from, RoomRequest.Publish request) throws ProtocolError {
        Room room = memberRoom(from, request);
        return delivery.inRoomOrder(room, () -> { // numbering and delivery together: the room's order for all
            RoomMessage message = log.append(room, from.user(), request.data());
            delivery.deliverMessage(room, message, request.excludeSelf() ? from.id() : null);
            // seq is null if lesson 06 could deliver the message on this server only
            return new RoomMessages.PublishAck(room.name(), message.seq());
        });
    }
    // end::publish[]

    private ServerMessage typing(Connection from, RoomRequest.Typing request) throws ProtocolError {
        Room room = memberRoom(from, request);
        typing.typed(room.name(), from.user());
        return null;
    }

    private Room memberRoom(Connection from, RoomRequest request) throws ProtocolError {
        String name = request.room();
        return rooms.room(name).filter(room -> room.contains(from)).orElseThrow(() ->
                new ProtocolError(ErrorCode.NOT_A_MEMBER, "join room '" + name + "' before sending to it"));
    }

    private void announce(Membership membership, boolean joined, Connection who) {
        if (membership.presence()) {
            delivery.presenceChanged(membership.room(), who.user(), joined);
            delivery.announce(membership.room(), who.user(), joined, who.id());
        }
    }
}
