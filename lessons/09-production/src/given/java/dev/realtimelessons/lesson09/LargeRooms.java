package dev.realtimelessons.lesson09;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.ServerMessage;
import dev.realtimelessons.lesson03.Room;
import dev.realtimelessons.lesson03.RoomMessages;
import dev.realtimelessons.lesson03.Rooms;
import dev.realtimelessons.lesson06.ClusterRooms;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson06.Keys;
import dev.realtimelessons.lesson06.PresenceAnnouncer;
import dev.realtimelessons.lesson06.RoomWorkers;

/**
 * Presence that stays cheap in a large room. Above {@link ProductionConfig#largeRoom} members (cluster-wide): a
 * joiner gets {@code members} with the count and no names, nobody gets {@code joined} or {@code left}, and every
 * {@link ProductionConfig#membersChangedEvery} the room's members get one {@code members_changed} from each server
 * that counted a change (the {@link PresencePolicy} decides and counts). Any member may ask for the names, a page at
 * a time, with a {@code members} request.
 *
 * <p>The size a join or leave is judged by is lesson 06's presence set: its live entries ({@code ZCOUNT}, one round
 * trip whatever the room's size) or this server's own users, whichever is more. An entry is a user on one server,
 * and this server's change reaches Redis just after, on the room's worker: near the threshold the judgement may be
 * off by a user or two, which a threshold can afford. The counts the members are told are exact: each user once.
 */
public final class LargeRooms implements PresenceAnnouncer {

    private static final System.Logger LOG = System.getLogger(LargeRooms.class.getName());

    private final PresencePolicy policy;
    private final Rooms rooms;
    private final ClusterRooms delivery;
    private final RoomWorkers workers;
    private final JedisPooled redis;
    private final Keys keys;

    private LargeRooms(PresencePolicy policy, ClusterServer.Parts server) {
        this.policy = policy;
        this.rooms = server.rooms();
        this.delivery = server.delivery();
        this.workers = server.workers();
        this.redis = server.redis();
        this.keys = new Keys(server.config().namespace());
    }

    /**
     * Installs it on a server: the announcer of its rooms, the {@code members} request, and the timer's tick.
     *
     * @param server the server's parts, before it starts
     * @param config lesson 09's settings: {@code largeRoom} and {@code membersChangedEvery}
     * @return what was installed
     */
    // tag::install[]
    public static LargeRooms install(ClusterServer.Parts server, ProductionConfig config) {
        LargeRooms large = new LargeRooms(new PresencePolicy(config.largeRoom()), server);
        server.delivery().announceWith(large);
        server.app().dispatcher().on("members", MembersRequest.class, large::page)
                .runOn("members", (from, request) -> server.workers().of(request.body().path("room").asText("")));
        long period = config.membersChangedEvery().toMillis();
        server.scheduler().scheduleWithFixedDelay(large::tick, period, period, TimeUnit.MILLISECONDS);
        return large;
    }
    // end::install[]

    /** @return the policy that decides and counts */
    public PresencePolicy policy() {
        return policy;
    }

    @Override
    public ServerMessage members(Room room) {
        int size = size(room, 0);
        if (policy.isLarge(size)) {
            return MembersPage.countOnly(room.name(), size); // not the names: N joiners would fetch N² of them
        }
        return new RoomMessages.Members(room.name(), delivery.users(room));
    }

    @Override
    public boolean announces(Room room, String user, boolean joined) {
        return policy.changed(room.name(), joined, size(room, joined ? 1 : -1));
    }

    /** On the timer: each room with counted changes is told on its worker, after the joins queued there. */
    private void tick() {
        for (String room : policy.pending()) {
            workers.of(room).execute(() -> tell(room));
        }
    }

    private void tell(String room) {
        Optional<MembersChanged> changed;
        try {
            changed = policy.tick(room, users(room).size());
        } catch (RuntimeException e) { // a timer task that throws is never run again: log, and try next period
            LOG.log(System.Logger.Level.WARNING, "members_changed of {0} not sent: {1}", room, e.toString());
            return;
        }
        // to this server's members, and through the room's channel to the others' (whose own changes they count)
        changed.ifPresent(message -> delivery.deliver(room, Messages.text(message), null));
    }

    private ServerMessage page(Connection from, MembersRequest request) throws ProtocolError {
        String name = request.room();
        if (rooms.room(name).filter(room -> room.contains(from)).isEmpty()) {
            throw new ProtocolError(ErrorCode.NOT_A_MEMBER, "join room '" + name + "' before asking who is in it");
        }
        // The presence set is ordered by expiry, not by name: a page reads it all, once per person who asks
        List<String> all = users(name);
        List<String> after = request.after() == null ? all
                : all.subList(insertionAfter(all, request.after()), all.size());
        List<String> page = after.subList(0, Math.min(request.pageSize(), after.size()));
        String next = page.size() < after.size() ? page.get(page.size() - 1) : null;
        return new MembersPage(name, all.size(), page, next);
    }

    private static int insertionAfter(List<String> sorted, String after) {
        int at = java.util.Collections.binarySearch(sorted, after);
        return at >= 0 ? at + 1 : -at - 1;
    }

    /**
     * The room's size as well as a join or leave can judge it cheaply.
     *
     * @param pending the change this server has made and Redis does not have yet: +1, -1, or 0
     */
    private int size(Room room, int pending) {
        int here = room.users().size();
        try {
            long live = redis.zcount(keys.presence(room.name()), System.currentTimeMillis(), Double.POSITIVE_INFINITY);
            return (int) Math.max(here, live + pending);
        } catch (JedisException e) {
            return here; // Redis away: this server's own, which joins refuse to grow meanwhile anyway
        }
    }

    /** The room's members on every server, each once, sorted: lesson 06's presence and this server's own. */
    private List<String> users(String room) {
        TreeSet<String> users = new TreeSet<>();
        rooms.room(room).ifPresent(found -> users.addAll(found.users()));
        try {
            for (String entry : redis.zrangeByScore(keys.presence(room), System.currentTimeMillis(),
                    Double.POSITIVE_INFINITY)) {
                users.add(entry.substring(entry.indexOf('|') + 1)); // node|user
            }
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Redis unreachable: members of {0} on this server only", room);
        }
        return List.copyOf(users);
    }
}
