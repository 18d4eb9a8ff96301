package dev.realtimelessons.lesson03;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.Request;

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
                .on("join", handlers::join)
                .on("leave", handlers::leave)
                .on("publish", handlers::publish)
                .on("typing", handlers::typing);
        app.onDisconnect(connection -> {
            for (Membership left : rooms.leaveAll(connection)) {
                handlers.announce(left, false, connection);
            }
            flood.forget(connection);
        });
    }

    // tag::join[]
    private ObjectNode join(Connection from, Request request) throws ProtocolError {
        String name = RoomName.of(request);
        ObjectNode ack = Messages.ack().put("room", name);
        rooms.join(name, from, joined -> { // runs with the room locked: nothing is published meanwhile
            Room room = joined.room();
            List<ObjectNode> past = delivery.joining(room, from, ack, log.replay(room, request, ack)); // and ack's seq
            from.send(Messages.text(RoomMessages.members(name, delivery.users(room))));
            for (ObjectNode old : past) {
                from.send(Messages.text(old.deepCopy().put("history", true)));
            }
            announce(joined, true, from);
        });
        return ack;
    }
    // end::join[]

    private ObjectNode leave(Connection from, Request request) throws ProtocolError {
        String name = RoomName.of(request);
        rooms.leave(name, from).ifPresent(left -> announce(left, false, from));
        return null;
    }

    // tag::publish[]
    private ObjectNode publish(Connection from, Request request) throws ProtocolError {
        Room room = memberRoom(from, request);
        JsonNode data = request.data();
        boolean excludeSelf = request.flag("exclude_self", false);
        return delivery.inRoomOrder(room, () -> { // numbering and delivery together: the room's order for all
            ObjectNode message = log.append(room, from.user(), data);
            delivery.deliverMessage(room, message, excludeSelf ? from.id() : null);
            ObjectNode ack = Messages.ack().put("room", room.name());
            return ack.set("seq", message.get("seq")); // null if lesson 06 could deliver it on this server only
        });
    }
    // end::publish[]

    private ObjectNode typing(Connection from, Request request) throws ProtocolError {
        Room room = memberRoom(from, request);
        typing.typed(room.name(), from.user());
        return null;
    }

    private Room memberRoom(Connection from, Request request) throws ProtocolError {
        String name = RoomName.of(request);
        return rooms.room(name).filter(room -> room.contains(from)).orElseThrow(() ->
                new ProtocolError(ErrorCode.NOT_A_MEMBER, "join room '" + name + "' before sending to it"));
    }

    private void announce(Membership membership, boolean joined, Connection who) {
        if (membership.presence()) {
            delivery.presenceChanged(membership.room(), who.user(), joined);
            String room = membership.room().name();
            delivery.deliver(room, Messages.text(RoomMessages.presence(joined, room, who.user())), who.id());
        }
    }
}
