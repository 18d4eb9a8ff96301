package dev.realtimelessons.lesson06;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.kit.server.RealtimeServer;
import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.ChatServer;
import dev.realtimelessons.lesson02.ConnectionManager;
import dev.realtimelessons.lesson02.Dispatcher;
import dev.realtimelessons.lesson02.LessonServer;
import dev.realtimelessons.lesson03.FloodControl;
import dev.realtimelessons.lesson03.RoomHandlers;
import dev.realtimelessons.lesson03.RoomRequest;
import dev.realtimelessons.lesson03.Rooms;
import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson03.RoomsServer;
import dev.realtimelessons.lesson03.TypingIndicator;
import dev.realtimelessons.lesson04.AuthConfig;
import dev.realtimelessons.lesson04.AuthHandlers;
import dev.realtimelessons.lesson04.AuthServer;
import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson04.Authenticator;
import dev.realtimelessons.lesson04.TokenIssuer;
import dev.realtimelessons.lesson04.TokenVerifier;
import dev.realtimelessons.lesson05.Heartbeat;
import dev.realtimelessons.lesson05.HeartbeatServer;
import dev.realtimelessons.lesson05.ResumableLog;
import dev.realtimelessons.lesson06.broker.BrokerUnavailableException;
import dev.realtimelessons.lesson06.broker.RedisBroker;

/**
 * One server of a cluster: lesson 05's server, with its rooms, users, history, presence and figures shared through
 * Redis, so that clients connected to different servers talk as if they were on one.
 */
public final class ClusterServer implements LessonServer {

    private static final System.Logger LOG = System.getLogger(ClusterServer.class.getName());

    private final HeartbeatServer server;
    private final ClusterConfig config;
    private final RedisBroker broker;
    private final Subscriptions subscriptions;
    private final ClusterRooms rooms;
    private final ClusterStats stats;

    private ClusterServer(HeartbeatServer server, ClusterConfig config, RedisBroker broker,
                          Subscriptions subscriptions, ClusterRooms rooms, ClusterStats stats) {
        this.server = server;
        this.config = config;
        this.broker = broker;
        this.subscriptions = subscriptions;
        this.rooms = rooms;
        this.stats = stats;
    }

    /**
     * What a later lesson adds to a cluster server: lesson 07 keeps the rooms' messages in PostgreSQL and adds
     * edits, deletes and read receipts. The server closes it when it stops.
     */
    public interface Extension extends AutoCloseable {

        /**
         * The history the rooms are numbered and kept in, shared by every server.
         *
         * @param redis  the server's Redis connections
         * @param config the configuration
         * @return the history
         */
        SharedHistory history(JedisPooled redis, ClusterConfig config);

        /**
         * Adds handlers, routes and clean-ups, once lesson 06's are installed and before the server starts.
         *
         * @param server the server's parts
         */
        void install(Parts server);

        @Override
        void close();
    }

    /**
     * The parts of a cluster server that an {@link Extension} builds on.
     *
     * @param app       lesson 02's application: its dispatcher, its connect and disconnect callbacks
     * @param rooms     lesson 03's rooms of this server
     * @param delivery  how room messages reach the members, on every server
     * @param typing    lesson 03's typing indicator
     * @param workers   the room workers
     * @param scheduler the server's one timer thread
     * @param redis     the server's Redis connections
     * @param broker    the broker: pub/sub channels
     * @param channels  the channels' names
     * @param http          the server's description: HTTP routes can still be added
     * @param authenticator lesson 04's: who a request's credentials say it is
     * @param auth          lesson 04's handlers, which log users out
     * @param config        the server's configuration
     * @param subscriptions   the channels this server holds, and who holds them
     * @param routes          where the messages of a later lesson's own channels go
     * @param redisConnections makes {@code redis}'s connections, and tells when Redis failed one
     */
    public record Parts(ChatApp app, Rooms rooms, ClusterRooms delivery, TypingIndicator typing, RoomWorkers workers,
                        ScheduledExecutorService scheduler, JedisPooled redis, RedisBroker broker, Channels channels,
                        RealtimeServer.Builder http, Authenticator authenticator, AuthHandlers auth,
                        ClusterConfig config, Subscriptions subscriptions, ChannelRoutes routes,
                        RedisConnections redisConnections) {
    }

    /** Lesson 06 as it is: the history in Redis, nothing added. */
    private static final class RedisOnly implements Extension {
        @Override
        public SharedHistory history(JedisPooled redis, ClusterConfig config) {
            return new RedisHistory(redis, config.namespace(), config.heartbeat().historySize(), config.historyTtl());
        }

        @Override
        public void install(Parts server) {
        }

        @Override
        public void close() {
        }
    }

    /**
     * Starts a server, once its subscriber connection to Redis is up.
     *
     * @param config the configuration
     * @param redis  where Redis is, for example {@code redis://127.0.0.1:6379}
     * @return the running server
     * @throws IllegalStateException if Redis cannot be reached within 10 seconds
     */
    public static ClusterServer start(ClusterConfig config, URI redis) {
        return start(config, redis, new RedisOnly());
    }

    /**
     * Starts a server with what a later lesson adds, once its subscriber connection to Redis is up.
     *
     * @param config    the configuration
     * @param redis     where Redis is, for example {@code redis://127.0.0.1:6379}
     * @param extension what the later lesson adds; closed with the server, or at once if the server cannot start
     * @return the running server
     * @throws IllegalStateException if Redis cannot be reached within 10 seconds
     */
    // tag::wiring[]
    public static ClusterServer start(ClusterConfig config, URI redis, Extension extension) {
        String node = config.node();
        JedisClientConfig client = DefaultJedisClientConfig.builder().connectionTimeoutMillis(500)
                .socketTimeoutMillis(2000).user(JedisURIHelper.getUser(redis))
                .password(JedisURIHelper.getPassword(redis)).database(JedisURIHelper.getDBIndex(redis))
                .ssl(JedisURIHelper.isRedisSSLScheme(redis)).build();
        HostAndPort address = JedisURIHelper.getHostAndPort(redis);
        RedisConnections redisConnections = new RedisConnections(address, client); // lesson 09 counts failures
        JedisPooled pool = new JedisPooled(redisConnections);
        Channels channels = new Channels(config.namespace());
        RoomWorkers workers = new RoomWorkers(config.workers()); // a room's or a user's Redis work runs on these
        RemoteMessages remote = new RemoteMessages(node, channels, workers, pool);
        RedisBroker broker = new RedisBroker(address, client, config.namespace() + node + "-subscriber",
                channels.broadcast(), config.redisRetry(), remote); // starts the subscriber thread
        Subscriptions subscriptions = new Subscriptions(broker);
        try {
            awaitRedis(broker, redis);
            holdLogouts(subscriptions, channels.logout(), node, redis);
        } catch (RuntimeException e) { // no Redis, or a step not done yet: stop what started
            broker.close();
            workers.close();
            pool.close();
            extension.close();
            throw e;
        }
        AuthServerConfig serverConfig = config.auth();
        AuthConfig authConfig = serverConfig.auth();
        RoomsConfig roomsConfig = serverConfig.rooms();
        Clock clock = Clock.systemUTC();
        // One timer thread: typing indicators, token expiries, heartbeats, and now the Redis upkeep's timer.
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, DaemonThreads.named("scheduler"));
        SharedHistory history = extension.history(pool, config); // lesson 06: RedisHistory
        RedisPresence presence = new RedisPresence(pool, config.namespace(), node, config.presenceTtl());
        ConnectionManager connections = new ConnectionManager(); // lesson 02, with users and stats cluster-wide
        ClusterStats stats = new ClusterStats(pool, config.namespace(), node, config.presenceTtl(),
                connections::stats);
        ClusterUsers users = new ClusterUsers(node, connections, broker, subscriptions, stats, channels);
        ChatApp app = new ChatApp(roomsConfig.chat(), connections, users, stats::cluster, AuthHandlers.IDENTIFIER);
        Rooms rooms = new Rooms(roomsConfig.historySize()); // lesson 03, delivered through Redis
        ClusterHistory replays = new ClusterHistory(history);
        ClusterRooms delivery = new ClusterRooms(node, rooms, broker, subscriptions, workers, replays, presence,
                channels);
        TypingIndicator typing = new TypingIndicator(roomsConfig.typingExpiry(), scheduler, delivery);
        RoomHandlers.install(app, rooms, delivery, typing, new FloodControl(roomsConfig), new ResumableLog(replays));
        TokenVerifier verifier = new TokenVerifier(authConfig, clock); // lesson 04
        TokenIssuer issuer = new TokenIssuer(authConfig, clock);
        AuthHandlers auth = AuthHandlers.install(app, verifier, authConfig.clockSkew(), scheduler, clock);
        Heartbeat heartbeat = HeartbeatServer.install(app, scheduler, config.heartbeat()); // lesson 05
        app.onConnect(users::connected); // lesson 06
        app.onDisconnect(users::disconnected);
        app.onDisconnect(delivery::sweep); // on every worker, after a join still queued there
        Upkeep upkeep = new Upkeep(workers, presence, stats);
        app.onConnect(connection -> upkeep.statsChanged());
        app.onDisconnect(connection -> upkeep.statsChanged());
        place(app.dispatcher(), workers);
        app.dispatcher().around("join", RoomRequest.Join.class, join -> (from, request) -> {
            delivery.subscribeBeforeJoin(from, request); // once every check passed: a refused join holds nothing
            return join.handle(from, request);
        }).before("leave", delivery::releaseOnLeave);
        auth.onLogout(user -> logoutEverywhere(broker, channels, node, user));
        remote.routeTo(delivery, users, auth);
        RealtimeServer.Builder page = ChatServer.describe(app).staticFiles("/", RoomsServer.PAGE);
        Authenticator authenticator = new Authenticator(authConfig, verifier);
        RealtimeServer.Builder description = AuthServer.guard(page, app, authConfig, authenticator, issuer, auth);
        extension.install(new Parts(app, rooms, delivery, typing, workers, scheduler, pool, broker, channels,
                description, authenticator, auth, config, subscriptions, remote, redisConnections));
        ChatServer chat = ChatServer.serve(app, description,
                scheduler::shutdownNow, stats::withdraw, broker, workers, pool, extension);
        long period = Math.max(1, config.presenceTtl().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(upkeep::refresh, 0, period, TimeUnit.MILLISECONDS);
        HeartbeatServer server = new HeartbeatServer(
                new AuthServer(new RoomsServer(chat, rooms), auth, issuer, authConfig), heartbeat);
        return new ClusterServer(server, config, broker, subscriptions, delivery, stats);
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

    @Override
    public ChatServer chat() {
        return server.chat();
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

    /** This server logged a user out: the others close the user's connections too. */
    private static void logoutEverywhere(RedisBroker broker, Channels channels, String node, String user) {
        try {
            broker.publish(channels.logout(), Envelope.plain(node, user).encode());
        } catch (BrokerUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "logout reached this server only: {0}", e.getMessage());
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
}
