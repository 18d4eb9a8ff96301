package dev.realtimelessons.lesson06;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.ServerMessage;
import dev.realtimelessons.lesson03.Membership;
import dev.realtimelessons.lesson03.Room;
import dev.realtimelessons.lesson03.RoomDelivery;
import dev.realtimelessons.lesson03.RoomLog;
import dev.realtimelessons.lesson03.RoomMessage;
import dev.realtimelessons.lesson03.RoomRequest;
import dev.realtimelessons.lesson03.Rooms;
import dev.realtimelessons.lesson05.history.Replay;
import dev.realtimelessons.lesson06.RoomSequencer.Numbered;
import dev.realtimelessons.lesson06.broker.Broker;
import dev.realtimelessons.lesson06.broker.BrokerUnavailableException;

/**
 * Lesson 03's {@link RoomDelivery} for a cluster: a room's messages reach its members on this server directly, and
 * the other servers through the room's channel. Every room's work runs on the room's worker ({@link RoomWorkers}):
 * its joins, leaves and publishes (placed there by the dispatcher) and the messages the broker brings, so that one
 * {@link RoomSequencer} per room, used by that worker alone, keeps every member's view in {@code seq} order.
 */
public final class ClusterRooms implements RoomDelivery {

    /**
     * Close code for the members of a room whose numbering started again (Redis lost it), or who missed messages
     * the stream no longer keeps: they join again, and are told {@code recovered: false}.
     */
    public static final int HISTORY_RESET = 1012;

    private static final System.Logger LOG = System.getLogger(ClusterRooms.class.getName());
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);

    private final String node;
    private final Rooms rooms;
    private final Broker broker;
    private final Subscriptions subscriptions;
    private final RoomWorkers workers;
    private final SharedHistory history;
    private final ClusterHistory replays;
    private final RedisPresence presence;
    private final Channels channels;
    private final Map<String, RoomSequencer> sequencers = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, RoomMessage>> stored = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> handedOver = new CopyOnWriteArrayList<>();
    /** Lesson 09's, or null for lesson 03's: every change announced, every member listed. */
    private volatile PresenceAnnouncer announcer;

    /**
     * @param node          this server's id
     * @param rooms         the rooms of this server
     * @param broker        reaches the other servers
     * @param subscriptions the channels this server holds
     * @param workers       the room workers
     * @param replays       the history joins replay from, which reads ahead for them
     * @param presence      who is in each room, cluster-wide
     * @param channels      the channels' names
     */
    public ClusterRooms(String node, Rooms rooms, Broker broker, Subscriptions subscriptions, RoomWorkers workers,
                        ClusterHistory replays, RedisPresence presence, Channels channels) {
        this.node = node;
        this.rooms = rooms;
        this.broker = broker;
        this.subscriptions = subscriptions;
        this.workers = workers;
        this.history = replays.shared();
        this.replays = replays;
        this.presence = presence;
        this.channels = channels;
    }

    /**
     * Before a {@code join} (around its handler, once every check passed, on the room's worker): subscribes to the
     * room's channel and waits for Redis to confirm, then reads the join's replay, so that the replay and the live
     * messages leave no gap between them, and a Redis failure refuses the join before the room is touched.
     *
     * @param from the joining connection
     * @param join the request
     * @throws ProtocolError {@code unavailable} if Redis cannot be reached
     */
    // tag::subscribe[]
    public void subscribeBeforeJoin(Connection from, RoomRequest.Join join) throws ProtocolError {
        String room = join.room();
        try {
            subscriptions.hold(channels.room(room), from.id())
                    .get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            replays.prefetch(room, join); // subscribed first, then read: no message falls in between
        } catch (ExecutionException | TimeoutException | BrokerUnavailableException | JedisException
                 | HistoryUnavailableException e) {
            subscriptions.release(channels.room(room), from.id());
            String store = e instanceof HistoryUnavailableException ? "the room's history" : "Redis";
            throw new ProtocolError(ErrorCode.UNAVAILABLE, "cannot reach " + store + " to join '" + room
                    + "'; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolError(ErrorCode.UNAVAILABLE, "interrupted while joining '" + room + "'");
        }
    }
    // end::subscribe[]

    /**
     * Before a {@code leave} (a dispatcher check, on the room's worker): lets go of the room's channel.
     *
     * @param from  the leaving connection
     * @param leave the request
     */
    public void releaseOnLeave(Connection from, RoomRequest.Leave leave) {
        subscriptions.release(channels.room(leave.room()), from.id());
    }

    /**
     * A publish's numbering (the append script) and delivery (the channel), without the room's lock that lesson 03
     * takes here. The dispatcher runs every publish and join of a room on the room's worker ({@code ClusterServer}'s
     * placement), the broker's messages for it too: one thread, one task at a time, so no publish or join of the
     * room can come in between, and the lock would add nothing but a wait. Held, it would last a Redis round trip,
     * the append (up to its timeout when Redis is slow; the {@code PUBLISH} that follows is pipelined, not awaited), and stall every thread that touches the room meanwhile: a
     * connection's clean-up leaving it, a delivery reading its members.
     *
     * @throws IllegalStateException if called off the room's worker: the order would then be lost
     */
    @Override
    public <T> T inRoomOrder(Room room, Supplier<T> publish) {
        if (!workers.runsOn(room.name())) {
            throw new IllegalStateException("a publish to room " + room.name() + " ran off the room's worker");
        }
        return publish.get();
    }

    // tag::deliver[]
    @Override
    public void deliver(String room, String message, String exceptConnection) {
        rooms.room(room).ifPresent(found -> sendLocal(found, message, exceptConnection));
        inRoomOrder(room, () -> publish(channels.room(room), Envelope.plain(node, message)));
    }

    @Override
    public void deliverMessage(Room room, RoomMessage message, String exceptConnection) {
        Long seq = message.seq();
        String text = Messages.text(message); // serialized once, for every member on every server
        if (seq == null) { // Redis is away: this server's members only (see ClusterHistory)
            sendLocal(room, text, exceptConnection);
            return;
        }
        stored.forEach(listener -> listener.accept(room.name(), message));
        String epoch = history.epochOf(room.name());
        RoomSequencer sequencer = sequencers.computeIfAbsent(room.name(),
                name -> new RoomSequencer(epoch, seq - 1, gaps(name)));
        if (!sequencer.epoch().equals(epoch)) {
            reset(room.name());
        } else {
            deliverInOrder(room, sequencer, sequencer.accept(new Numbered(seq, text, exceptConnection)));
        }
        publish(channels.room(room.name()), new Envelope(node, epoch, seq, null, text));
    }
    // end::deliver[]

    /**
     * Delivers a numbered message that no member of this server published (lesson 07: a back end's, through the
     * REST API), on the room's worker: through this server's sequencer if it has members of the room, and to the
     * other servers through the room's channel either way.
     *
     * @param room    the room
     * @param message the message, numbered
     * @throws IllegalStateException if called off the room's worker
     */
    public void deliverNumbered(String room, RoomMessage message) {
        if (!workers.runsOn(room)) {
            throw new IllegalStateException("a message of room " + room + " was delivered off the room's worker");
        }
        Optional<Room> local = rooms.room(room);
        if (local.isPresent()) {
            deliverMessage(local.get(), message, null);
        } else {
            stored.forEach(listener -> listener.accept(room, message));
            publish(channels.room(room), new Envelope(node, history.epochOf(room), message.seq(), null,
                    Messages.text(message)));
        }
    }

    /**
     * Tells a listener of every numbered message once, on the server that numbered it, on the room's worker, in
     * the room's order, before it leaves for the other servers (lesson 08 copies them into the inboxes of the
     * room's followers). Call before the server starts.
     *
     * @param listener gets the room and the message; it runs on the room's worker, so it must be quick
     */
    public void onNumbered(BiConsumer<String, RoomMessage> listener) {
        stored.add(listener);
    }

    /**
     * Tells a listener of every numbered message this server hands to its members here, in {@code seq} order, once
     * the sends to all of them are queued: its own members' publishes and the other servers' alike (lesson 09 times
     * each from its {@code ts}). Call before the server starts.
     *
     * @param listener gets the message as the members get it; it runs on the room's worker, so it must be quick
     */
    public void onHandedOver(Consumer<String> listener) {
        handedOver.add(listener);
    }

    @Override
    public void deliverToOthers(String room, String message, String exceptUser) {
        rooms.room(room).ifPresent(found -> sendLocalToOthers(found, message, exceptUser));
        inRoomOrder(room, () -> publish(channels.room(room), new Envelope(node, null, -1, exceptUser, message)));
    }

    /**
     * Publishes in the room's order: at once on the room's worker, so that an event and a message published by the
     * same task leave in the order they were made (lesson 07: a typing stop, then the message); from any other
     * thread (a timer, a closing connection), queued on the worker. Publishing only queues the frame for the
     * broker's pipeline thread, so doing it while a room's lock is held (a join's {@code joined}) waits for no I/O.
     */
    private void inRoomOrder(String room, Runnable publish) {
        if (workers.runsOn(room)) {
            publish.run();
        } else {
            workers.of(room).execute(publish);
        }
    }

    /**
     * A message from the broker on a room's channel (on the room's worker).
     *
     * @param room    the room
     * @param payload the {@link Envelope}
     */
    // tag::remote[]
    public void onRemote(String room, String payload) {
        Envelope envelope = Envelope.decode(payload);
        Optional<Room> local = rooms.room(room);
        if (envelope.node().equals(node) || local.isEmpty()) {
            return; // this server delivered its own already; or nobody here is in the room any more
        }
        if (!envelope.numbered()) {
            if (envelope.exceptUser() != null) { // a user's typing: not to their tabs on this server either
                sendLocalToOthers(local.get(), envelope.message(), envelope.exceptUser());
            } else {
                sendLocal(local.get(), envelope.message(), null);
            }
            return;
        }
        RoomSequencer sequencer = sequencers.get(room);
        if (sequencer != null && !sequencer.epoch().equals(envelope.epoch())) {
            reset(room);
        } else if (sequencer != null) {
            deliverInOrder(local.get(), sequencer,
                    sequencer.accept(new Numbered(envelope.seq(), envelope.message(), null)));
        }
    }
    // end::remote[]

    /**
     * A connection closed. Lesson 03 made it leave its rooms at once, on the closing thread; but a {@code join} it
     * sent just before may still wait on a room's worker and would add it afterwards, a member nobody would ever
     * remove. So once every worker has run what was queued, the connection leaves whatever it joined meanwhile.
     *
     * @param gone the closed connection
     */
    // tag::sweep[]
    public void sweep(Connection gone) {
        workers.onEach(() -> {
            for (Membership left : rooms.leaveAll(gone)) { // empty, unless a late join got in
                if (left.presence()) {
                    presenceChanged(left.room(), gone.user(), false);
                    announce(left.room(), gone.user(), false, gone.id());
                }
            }
            subscriptions.releaseAll(gone.id()); // and the channel the late join held
        });
    }
    // end::sweep[]

    /**
     * The broker is back after an outage: every room with members here catches up from its stream, since what was
     * published meanwhile never came through pub/sub.
     */
    public void catchUpAll() {
        for (String room : List.copyOf(sequencers.keySet())) {
            workers.of(room).execute(() -> catchUp(room));
        }
    }

    // tag::joining[]
    @Override
    public RoomLog.Past joining(Room room, Connection joiner, RoomLog.Past past) {
        long seq = past.ack().seq();
        String epoch = past.ack().epoch();
        RoomSequencer sequencer = sequencers.get(room.name());
        if (sequencer != null && !sequencer.epoch().equals(epoch)) {
            closeMembers(room, joiner); // the others' numbers are from the old epoch
            sequencer = null;
        }
        if (sequencer == null) { // the room's first member here: this server goes on from where the replay ends
            sequencers.put(room.name(), new RoomSequencer(epoch, seq, gaps(room.name())));
            return past;
        }
        long delivered = sequencer.lastSeq(); // the members here are there; newer messages reach all of them live
        return new RoomLog.Past(past.messages().stream().filter(message -> message.seq() <= delivered).toList(),
                seq > delivered ? past.ack().withSeq(delivered) : past.ack());
    }
    // end::joining[]

    /**
     * Replaces how presence is told in every room (lesson 09: counted, not announced, in a large room). Call before
     * the server starts.
     *
     * @param announcer what a joiner is told of the members, and whether a change is announced
     */
    public void announceWith(PresenceAnnouncer announcer) {
        this.announcer = announcer;
    }

    @Override
    public ServerMessage members(Room room) {
        PresenceAnnouncer current = announcer;
        return current == null ? RoomDelivery.super.members(room) : current.members(room);
    }

    @Override
    public void announce(Room room, String user, boolean joined, String exceptConnection) {
        PresenceAnnouncer current = announcer;
        if (current == null || current.announces(room, user, joined)) {
            RoomDelivery.super.announce(room, user, joined, exceptConnection);
        }
    }

    @Override
    public List<String> users(Room room) {
        TreeSet<String> users = new TreeSet<>(room.users()); // includes the joiner, not yet in Redis
        try {
            users.addAll(presence.users(room.name()));
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Redis unreachable: members of this server only");
        }
        return List.copyOf(users);
    }

    @Override
    public void presenceChanged(Room room, String user, boolean present) {
        String name = room.name();
        workers.of(name).execute(() -> { // after the join or leave, out of the room's lock
            try {
                if (present) {
                    presence.add(name, user);
                } else {
                    presence.remove(name, user);
                }
            } catch (JedisException e) {
                LOG.log(System.Logger.Level.WARNING, "Redis unreachable: presence in {0} not updated", name);
            }
            if (!present && rooms.room(name).isEmpty()) {
                sequencers.remove(name); // nobody here: the next first member starts from its replay
            }
        });
    }

    private void catchUp(String room) {
        RoomSequencer sequencer = sequencers.get(room);
        Optional<Room> local = rooms.room(room);
        if (sequencer == null || local.isEmpty()) {
            return;
        }
        try {
            Replay latest = history.latest(room);
            if (!sequencer.epoch().equals(latest.epoch())) {
                reset(room);
            } else {
                deliverInOrder(local.get(), sequencer, sequencer.catchUp(latest.latestSeq()));
            }
        } catch (JedisException | HistoryUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "could not catch up room {0}: {1}", room, e.toString());
        }
    }

    // tag::holes[]
    private RoomSequencer.Gaps gaps(String room) {
        return (after, before) -> history.between(room, after, before).stream()
                .map(message -> new Numbered(message.seq(), Messages.text(message), null))
                .toList();
    }

    private void deliverInOrder(Room room, RoomSequencer sequencer, List<Numbered> messages) {
        if (sequencer.hasHole()) { // never a silent gap: the members rejoin and learn recovered: false
            reset(room.name());
        } else {
            sendLocal(room, messages);
        }
    }
    // end::holes[]

    private void reset(String room) {
        LOG.log(System.Logger.Level.WARNING, "room {0}: renumbered, or messages missed that the stream no longer"
                + " keeps; its members rejoin", room);
        sequencers.remove(room);
        rooms.room(room).ifPresent(found -> closeMembers(found, null));
    }

    private static void closeMembers(Room room, Connection except) {
        for (Connection member : room.members()) {
            if (member != except) {
                member.close(HISTORY_RESET, "room history was reset; join again");
            }
        }
    }

    private void publish(String channel, Envelope envelope) {
        broker.publishLater(channel, envelope.encode()); // no round trip to wait for: the append was the one
    }

    private void sendLocal(Room room, List<Numbered> messages) {
        for (Numbered message : messages) {
            sendLocal(room, message.text(), message.exceptConnection());
            handedOver.forEach(listener -> listener.accept(message.text()));
        }
    }

    private static void sendLocalToOthers(Room room, String message, String exceptUser) {
        for (Connection member : room.members()) {
            if (!member.user().equals(exceptUser)) {
                member.send(message); // only queues
            }
        }
    }

    private static void sendLocal(Room room, String message, String exceptConnection) {
        for (Connection member : room.members()) {
            if (!member.id().equals(exceptConnection)) {
                member.send(message); // only queues
            }
        }
    }
}
