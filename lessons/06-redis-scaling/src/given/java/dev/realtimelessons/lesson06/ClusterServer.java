package dev.realtimelessons.lesson06;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.Dispatcher;
import dev.realtimelessons.lesson04.AuthHandlers;
import dev.realtimelessons.lesson05.HeartbeatServer;
import dev.realtimelessons.lesson06.broker.Broker;
import dev.realtimelessons.lesson06.broker.BrokerUnavailableException;
import dev.realtimelessons.lesson06.broker.RedisBroker;

/**
 * One server of a cluster: lesson 05's server, with its rooms, users, history, presence and figures shared through
 * Redis, so that clients connected to different servers talk as if they were on one.
 */
public final class ClusterServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClusterServer.class.getName());

    private final HeartbeatServer server;
    private final ClusterConfig config;
    private final RedisBroker broker;
    private final Subscriptions subscriptions;
    private final ClusterRooms rooms;
    private final ClusterStats stats;
    private final RoomWorkers workers;
    private final ScheduledExecutorService upkeep;
    private final JedisPooled redis;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClusterServer(HeartbeatServer server, ClusterConfig config, RedisBroker broker,
                          Subscriptions subscriptions, ClusterRooms rooms, ClusterStats stats, RoomWorkers workers,
                          ScheduledExecutorService upkeep, JedisPooled redis) {
        this.server = server;
        this.config = config;
        this.broker = broker;
        this.subscriptions = subscriptions;
        this.rooms = rooms;
        this.stats = stats;
        this.workers = workers;
        this.upkeep = upkeep;
        this.redis = redis;
    }

    /**
     * Starts a server, once its subscriber connection to Redis is up.
     *
     * @param config the configuration
     * @param redis  where Redis is, for example {@code redis://127.0.0.1:6379}
     * @return the running server
     * @throws IllegalStateException if Redis cannot be reached within 10 seconds
     */
    // tag::wiring[]
    public static ClusterServer start(ClusterConfig config, URI redis) {
        JedisClientConfig client = DefaultJedisClientConfig.builder().connectionTimeoutMillis(500)
                .socketTimeoutMillis(2000).user(JedisURIHelper.getUser(redis))
                .password(JedisURIHelper.getPassword(redis)).database(JedisURIHelper.getDBIndex(redis))
                .ssl(JedisURIHelper.isRedisSSLScheme(redis)).build();
        HostAndPort address = JedisURIHelper.getHostAndPort(redis);
        JedisPooled pool = new JedisPooled(address, client);
        String node = config.node();
        Channels channels = new Channels(config.namespace());
        RoomWorkers workers = new RoomWorkers(config.workers());
        AtomicReference<ClusterRooms> rooms = new AtomicReference<>();
        AtomicReference<ClusterUsers> users = new AtomicReference<>();
        AtomicReference<AuthHandlers> auth = new AtomicReference<>();
        RedisBroker broker = new RedisBroker(address, client, config.namespace() + node + "-subscriber",
                channels.broadcast(), config.redisRetry(), new Broker.Listener() {
            @Override
            public void onMessage(String channel, String payload) { // the subscriber thread: hand over, return
                String room = channels.roomOf(channel);
                if (room != null && Envelope.publishedBy(payload, node)) {
                    return; // Redis echoes what this server published: its members have it, wake no worker for it
                }
                String user = channels.userOf(channel);
                String key = room != null ? room : user != null ? user : channel; // as the dispatcher places them
                workers.of(key).execute(() -> {
                    try {
                        if (room != null && rooms.get() != null) {
                            rooms.get().onRemote(room, payload);
                        } else if (channel.equals(channels.logout()) && auth.get() != null) {
                            loggedOutElsewhere(Envelope.decode(payload), node, auth.get());
                        } else if (room == null && users.get() != null) {
                            users.get().onRemote(channel, payload);
                        }
                    } catch (RuntimeException e) { // a stranger's payload, or Redis failing a gap fill
                        LOG.log(System.Logger.Level.WARNING, "ignored a message on {0}: {1}", channel, e.toString());
                    }
                });
            }

            @Override
            public void onConnection(boolean connected) {
                pool.getPool().clear(); // the pool's idle connections died with the old Redis connection
                if (connected && rooms.get() != null) {
                    rooms.get().catchUpAll(); // what was published while we were away never came
                }
            }
        });
        Subscriptions subscriptions = new Subscriptions(broker);
        try {
            awaitRedis(broker, redis);
            holdLogouts(subscriptions, channels.logout(), node, redis);
        } catch (RuntimeException e) { // no Redis, or a step not done yet: stop what started
            broker.close();
            workers.close();
            pool.close();
            throw e;
        }
        RedisHistory history = new RedisHistory(pool, config.namespace(), config.heartbeat().historySize(),
                config.historyTtl());
        RedisPresence presence = new RedisPresence(pool, config.namespace(), node, config.presenceTtl());
        ClusterStats[] stats = new ClusterStats[1];
        ScheduledExecutorService upkeep = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("cluster-upkeep"));
        AtomicBoolean statsQueued = new AtomicBoolean();
        Runnable statsChanged = () -> { // a burst of connections queues one write, not one each
            if (statsQueued.compareAndSet(false, true)) {
                upkeep.execute(() -> {
                    statsQueued.set(false);
                    refresh(null, stats[0]);
                });
            }
        };
        ClusterHistory replays = new ClusterHistory(history);
        HeartbeatServer server = HeartbeatServer.start(config.auth(), config.heartbeat(), replays,
                local -> {
                    rooms.set(new ClusterRooms(node, local, broker, subscriptions, workers, replays, presence,
                            channels));
                    return rooms.get();
                },
                app -> {
                    stats[0] = new ClusterStats(pool, config.namespace(), node, config.presenceTtl(),
                            app.connections()::stats);
                    users.set(new ClusterUsers(node, app.connections(), broker, subscriptions, stats[0], channels));
                    app.deliverToUsersWith(users.get());
                    app.statsFrom(stats[0]::cluster);
                    app.onConnect(users.get()::connected);
                    app.onDisconnect(users.get()::disconnected);
                    app.onDisconnect(rooms.get()::sweep); // after lesson 03's leaveAll, and after queued joins
                    app.onConnect(connection -> statsChanged.run());
                    app.onDisconnect(connection -> statsChanged.run());
                    place(app.dispatcher(), workers);
                    app.dispatcher().before("join", rooms.get()::subscribeBeforeJoin)
                            .before("leave", rooms.get()::releaseOnLeave);
                    return UnaryOperator.identity();
                });
        auth.set(server.auth().auth());
        auth.get().onLogout(user -> { // this server logged the user out: the others close their connections too
            try {
                broker.publish(channels.logout(), Envelope.plain(node, user).encode());
            } catch (BrokerUnavailableException e) {
                LOG.log(System.Logger.Level.WARNING, "logout reached this server only: {0}", e.getMessage());
            }
        });
        long period = Math.max(1, config.presenceTtl().toMillis() / 3);
        upkeep.scheduleWithFixedDelay(() -> refresh(presence, stats[0]), 0, period, TimeUnit.MILLISECONDS);
        return new ClusterServer(server, config, broker, subscriptions, rooms.get(), stats[0], workers, upkeep, pool);
    }
    // end::wiring[]

    // tag::placement[]
    private static void place(Dispatcher dispatcher, RoomWorkers workers) {
        Dispatcher.Placement byRoom = (from, request) -> workers.of(request.body().path("room").asText(""));
        dispatcher.runOn("join", byRoom).runOn("leave", byRoom).runOn("publish", byRoom).runOn("typing", byRoom)
                .runOn("direct", (from, request) -> workers.of(request.body().path("to").asText("")))
                .runOn("stats", (from, request) -> workers.of(from.user()))
                .runOn("logout", (from, request) -> workers.of(from.user())); // it publishes to the others
    }
    // end::placement[]

    /** @return lesson 05's server */
    public HeartbeatServer heartbeat() {
        return server;
    }

    /** @return lesson 02's application */
    public ChatApp app() {
        return server.app();
    }

    /** @return this server's id */
    public String node() {
        return config.node();
    }

    /** @return the broker */
    public RedisBroker broker() {
        return broker;
    }

    /** @return the channels this server holds */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** @return the rooms' delivery */
    public ClusterRooms rooms() {
        return rooms;
    }

    /** @return the cluster's figures */
    public ClusterStats stats() {
        return stats;
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        upkeep.shutdownNow();
        stats.withdraw();
        broker.close();
        workers.close();
        redis.close();
    }

    private static void awaitRedis(RedisBroker broker, URI redis) {
        try {
            if (!broker.awaitConnected(Duration.ofSeconds(10))) {
                throw new IllegalStateException("cannot reach Redis at " + redis.getHost() + ":" + redis.getPort());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Redis", e);
        }
    }

    private static void loggedOutElsewhere(Envelope envelope, String node, AuthHandlers auth) {
        if (!envelope.node().equals(node)) {
            auth.logoutHere(envelope.message()); // the message is the user; announcing it again would loop
        }
    }

    private static void holdLogouts(Subscriptions subscriptions, String channel, String node, URI redis) {
        try {
            subscriptions.hold(channel, node).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot subscribe to " + channel + " at " + redis.getHost() + ":"
                    + redis.getPort(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while subscribing to " + channel, e);
        }
    }

    private static void refresh(RedisPresence presence, ClusterStats stats) {
        try {
            if (presence != null) {
                presence.refresh();
            }
            stats.publish();
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.DEBUG, "upkeep failed (Redis unreachable?): {0}", e.toString());
        }
    }
}
