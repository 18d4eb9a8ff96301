package dev.realtimelessons.lesson07;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.ServerMessage;
import dev.realtimelessons.lesson03.RoomRequest;
import dev.realtimelessons.lesson03.Rooms;
import dev.realtimelessons.lesson06.ClusterRooms;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson06.RoomWorkers;

/**
 * Tells users who share a room when one of them comes online, goes away, or goes offline ({@code user_status}),
 * from {@link UserStatus}'s transitions: the first connection of a user on any server, the last one closing,
 * a {@code status} request. The rooms to tell are those the user joined, kept in Redis per user, so that the
 * server that sees the transition reaches the members on every server through the rooms' channels. A joiner
 * learns which members are away. Redis work runs on the user's worker, never on a Tyrus thread.
 */
public final class StatusEvents {

    private static final System.Logger LOG = System.getLogger(StatusEvents.class.getName());

    /** How long Redis keeps the rooms a user joined, after the last join. */
    static final Duration ROOMS_KEPT = Duration.ofDays(30);

    private final UserStatus status;
    private final UnifiedJedis redis;
    private final StatusKeys keys;
    private final Rooms rooms;
    private final ClusterRooms delivery;
    private final RoomWorkers workers;

    private StatusEvents(UserStatus status, UnifiedJedis redis, StatusKeys keys, Rooms rooms, ClusterRooms delivery,
                         RoomWorkers workers) {
        this.status = status;
        this.redis = redis;
        this.keys = keys;
        this.rooms = rooms;
        this.delivery = delivery;
        this.workers = workers;
    }

    /**
     * Installs the events and the {@code status} request on a cluster server, and schedules the refresh of its
     * connections.
     *
     * @param server the server's parts
     * @param status the users' status
     */
    public static void install(ClusterServer.Parts server, UserStatus status) {
        String namespace = server.config().namespace();
        StatusEvents events = new StatusEvents(status, server.redis(), new StatusKeys(namespace), server.rooms(),
                server.delivery(), server.workers());
        server.app().onConnect(events::connected);
        server.app().onDisconnect(events::disconnected);
        server.app().dispatcher()
                .on("status", ChatRequest.SetStatus.class, events::setStatus)
                .runOn("status", (from, request) -> server.workers().of(from.user()))
                .around("join", RoomRequest.Join.class, join -> (from, request) -> {
                    ServerMessage answer = join.handle(from, request); // on the room's worker
                    events.joined(from, request.room());
                    return answer;
                })
                .before("leave", (Connection from, RoomRequest.Leave leave) -> events.left(from, leave.room()));
        Duration ttl = server.config().presenceTtl();
        StatusRefresh refresh = new StatusRefresh(server.redis(), namespace, ttl, Clock.systemUTC(),
                () -> server.app().connections().connections().stream()
                        .map(connection -> new StatusRefresh.Local(connection.user(), connection.id())).toList());
        long period = Math.max(1, ttl.toMillis() / 3);
        server.scheduler().scheduleWithFixedDelay(() -> server.workers().of("status").execute(() -> {
            try {
                refresh.refresh();
            } catch (JedisException e) {
                LOG.log(System.Logger.Level.WARNING,
                        "Redis unreachable: status not refreshed");
            }
        }), period, period, TimeUnit.MILLISECONDS);
    }

    private void connected(Connection connection) {
        workers.of(connection.user()).execute(() -> {
            try {
                if (status.connected(connection.user(), connection.id())) {
                    announce(new Status(connection.user(), Status.ONLINE, null));
                }
            } catch (JedisException e) { // Redis away, or the server stopping: the refresh or a later tab catches up
                LOG.log(System.Logger.Level.WARNING, "Redis unreachable: status of {0} not updated", connection.user());
            }
        });
    }

    private void disconnected(Connection connection) {
        workers.of(connection.user()).execute(() -> {
            try {
                if (status.disconnected(connection.user(), connection.id())) {
                    announce(status.statusOf(connection.user()));
                }
            } catch (JedisException e) { // the tab's entry then expires with its TTL
                LOG.log(System.Logger.Level.WARNING, "Redis unreachable: status of {0} not updated", connection.user());
            }
        });
    }

    private ServerMessage setStatus(Connection from, ChatRequest.SetStatus request) throws ProtocolError {
        try {
            if (status.setAway(from.user(), Status.AWAY.equals(request.status()))) {
                announce(status.statusOf(from.user()));
            }
        } catch (JedisException e) {
            throw new ProtocolError(ErrorCode.UNAVAILABLE, "cannot reach Redis to set the status; try again");
        }
        return null;
    }

    /** After a join: the room is told of the user's changes from now on; the joiner learns who is away. */
    private void joined(Connection joiner, String room) {
        try {
            redis.sadd(keys.rooms(joiner.user()), room);
            redis.pexpire(keys.rooms(joiner.user()), ROOMS_KEPT.toMillis());
            List<String> members = rooms.room(room).map(delivery::users).orElse(List.of());
            List<Response<Boolean>> away = new ArrayList<>();
            try (AbstractPipeline pipeline = redis.pipelined()) { // one round trip, however large the room
                for (String member : members) {
                    away.add(pipeline.exists(keys.away(member))); // away exists only while connected
                }
                pipeline.sync();
            }
            for (int i = 0; i < members.size(); i++) {
                if (away.get(i).get() && !members.get(i).equals(joiner.user())) {
                    joiner.send(Messages.text(new Status(members.get(i), Status.AWAY, null)));
                }
            }
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING,
                    "Redis unreachable: status of room {0} not read", room);
        }
    }

    private void left(Connection from, String room) {
        workers.of(from.user()).execute(() -> {
            try {
                redis.srem(keys.rooms(from.user()), room);
            } catch (JedisException e) {
                LOG.log(System.Logger.Level.WARNING,
                        "Redis unreachable: the rooms of a user not updated");
            }
        });
    }

    /** Tells the members of every room the user joined, on every server. */
    private void announce(Status now) {
        Set<String> rooms;
        try {
            rooms = redis.smembers(keys.rooms(now.user()));
        } catch (JedisException e) {
            return; // nobody to tell without Redis: a client asks again on its next join
        }
        String text = Messages.text(now);
        for (String room : List.copyOf(rooms)) {
            delivery.deliver(room, text, null);
        }
    }
}
