package dev.realtimelessons.lesson06;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import redis.clients.jedis.JedisPooled;

import dev.realtimelessons.lesson04.AuthHandlers;
import dev.realtimelessons.lesson06.broker.Broker;

/**
 * What the other servers published, taken from the Redis subscriber thread to the worker of its room or user: a
 * room's message to {@link ClusterRooms}, a user's to {@link ClusterUsers}, a logout to {@link AuthHandlers}.
 *
 * <p>The broker needs its listener before it can start, and the rooms and users need the broker: this class breaks
 * that one cycle. It is created empty, given to the broker, and told where to route once, by
 * {@link #routeTo}, before the server starts. Until then nothing is subscribed but the logout channel, whose
 * messages it ignores (no user is connected yet).
 */
final class RemoteMessages implements Broker.Listener, ChannelRoutes {

    private static final System.Logger LOG = System.getLogger(RemoteMessages.class.getName());

    /** Where messages go, set once. */
    private record Routes(ClusterRooms rooms, ClusterUsers users, AuthHandlers auth) {
    }

    private final String node;
    private final Channels channels;
    private final RoomWorkers workers;
    private final JedisPooled pool;
    private volatile Routes routes; // written once by the assembly, read by the subscriber and the workers
    private final Map<String, BiConsumer<String, String>> custom = new ConcurrentHashMap<>(); // prefix: listener

    /**
     * @param node     this server's id: a logout it announced itself is not done twice
     * @param channels the channel names
     * @param workers  run each message on its room's or user's worker
     * @param pool     the publishing connections, cleared when the subscriber connection breaks
     */
    RemoteMessages(String node, Channels channels, RoomWorkers workers, JedisPooled pool) {
        this.node = node;
        this.channels = channels;
        this.workers = workers;
        this.pool = pool;
    }

    /**
     * Says where messages go. Call once, before the server starts.
     *
     * @param rooms the rooms' delivery
     * @param users the users' delivery
     * @param auth  logs users out
     */
    void routeTo(ClusterRooms rooms, ClusterUsers users, AuthHandlers auth) {
        routes = new Routes(rooms, users, auth);
    }

    @Override
    public void route(String kind, BiConsumer<String, String> listener) {
        if (custom.putIfAbsent(channels.custom(kind, ""), listener) != null) {
            throw new IllegalStateException("channels of kind " + kind + " are routed already");
        }
    }

    @Override
    public void onMessage(String channel, String payload) { // the subscriber thread: hand over, return
        for (Map.Entry<String, BiConsumer<String, String>> route : custom.entrySet()) {
            if (channel.startsWith(route.getKey())) {
                String key = channel.substring(route.getKey().length());
                workers.of(key).execute(() -> onCustom(route.getValue(), channel, key, payload));
                return;
            }
        }
        String room = channels.roomOf(channel);
        if (room != null && Envelope.publishedBy(payload, node)) {
            return; // Redis echoes what this server published: its members have it, wake no worker for it
        }
        String user = channels.userOf(channel);
        String key = room != null ? room : user != null ? user : channel; // as the dispatcher places them
        workers.of(key).execute(() -> {
            Routes to = routes;
            if (to == null) {
                return; // the server is not started yet: nobody here to tell
            }
            try {
                if (room != null) {
                    to.rooms().onRemote(room, payload);
                } else if (channel.equals(channels.logout())) {
                    Envelope envelope = Envelope.decode(payload);
                    if (!envelope.node().equals(node)) {
                        to.auth().logoutHere(envelope.message()); // the user; announcing it again would loop
                    }
                } else {
                    to.users().onRemote(channel, payload);
                }
            } catch (RuntimeException e) { // a stranger's payload, or Redis failing a gap fill
                LOG.log(System.Logger.Level.WARNING, "ignored a message on {0}: {1}", channel, e.toString());
            }
        });
    }

    private static void onCustom(BiConsumer<String, String> listener, String channel, String key, String payload) {
        try {
            listener.accept(key, payload);
        } catch (RuntimeException e) { // a stranger's payload
            LOG.log(System.Logger.Level.WARNING, "ignored a message on {0}: {1}", channel, e.toString());
        }
    }

    @Override
    public void onConnection(boolean connected) {
        pool.getPool().clear(); // the pool's idle connections died with the old Redis connection
        Routes to = routes;
        if (connected && to != null) {
            to.rooms().catchUpAll(); // what was published while we were away never came
        }
    }
}
