package dev.realtimelessons.lesson08;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import redis.clients.jedis.JedisPooled;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.kit.server.HandshakeVerdict;
import dev.realtimelessons.lesson03.RoomRequest;
import dev.realtimelessons.lesson03.RoomMessage;
import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.protocol.ServerMessage;
import dev.realtimelessons.lesson04.AdminApi;
import dev.realtimelessons.lesson04.TokenVerifier;
import dev.realtimelessons.lesson06.ClusterConfig;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson06.SharedHistory;
import dev.realtimelessons.lesson07.ChatExtension;

/**
 * What lesson 08 adds to lesson 07's chat service: inboxes in Redis Streams, an event stream per tab
 * ({@code GET /sse}), the back ends' notification API, and the switches and limits of both transports.
 */
public final class NotificationsExtension implements ClusterServer.Extension {

    private static final System.Logger LOG = System.getLogger(NotificationsExtension.class.getName());

    /** The page and its scripts, in place of lesson 07's. */
    public static final String PAGE = "web/lesson08";

    private final ChatExtension chat;
    private final NotificationsConfig config;
    private final ExecutorService writers = Executors.newFixedThreadPool(2, DaemonThreads.named("sse-writer"));
    private volatile LocalStreams streams;

    /**
     * @param chat   lesson 07's extension: the rooms' messages in PostgreSQL
     * @param config the switches and limits
     */
    public NotificationsExtension(ChatExtension chat, NotificationsConfig config) {
        this.chat = chat;
        this.config = config;
    }

    @Override
    public SharedHistory history(JedisPooled redis, ClusterConfig config) {
        return chat.history(redis, config);
    }

    // tag::install[]
    @Override
    public void install(ClusterServer.Parts server) {
        chat.install(server);
        Clock clock = Clock.systemUTC();
        InboxKeys keys = new InboxKeys(server.config().namespace());
        Inbox inbox = new Inbox(server.redis(), keys, server.channels(), config.inboxSize(), config.inboxTtl());
        Followers followers = new Followers(server.redis(), keys, inbox);
        LocalStreams local = new LocalStreams(server.subscriptions(), inbox, server.app().connections());
        streams = local;
        server.routes().route(Inbox.CHANNEL_KIND, local::onPublished);
        server.subscriptions().hold(inbox.channel(InboxKeys.EVERYONE), "everyone"); // every server, always
        server.app().onConnect(connection -> server.subscriptions().hold(inbox.channel(connection.user()),
                connection.id()).exceptionally(failure -> { // a WebSocket gets its user's notifications
                    LOG.log(System.Logger.Level.WARNING, "no inbox channel for a connection yet: {0}",
                            failure.toString());
                    return null;
                })); // lesson 06 lets go of every channel a connection holds when it closes
        server.delivery().onNumbered(followers::copy);
        server.app().dispatcher().around("join", RoomRequest.Join.class, join -> (Connection from,
                RoomRequest.Join request) -> {
            ServerMessage answer = join.handle(from, request);
            followers.follow(from.user(), request.room());
            return answer;
        }).before("leave", (Connection from, RoomRequest.Leave leave) -> followers.unfollow(from.user(),
                leave.room()));

        TokenVerifier tokens = new TokenVerifier(server.config().auth().auth(), clock);
        StreamLimits limits = new StreamLimits(config.maxStreams(), config.maxStreamsPerUser(), config.retryAfter());
        NotifyApi notify = new NotifyApi(inbox, followers, clock);
        // One handler object per path: Grizzly keeps one set of paths per handler object, the last it was given.
        HttpHandler guarded = new AdminApi(notify, server.authenticator(), server.auth());
        HttpHandler broadcast = new AdminApi(notify, server.authenticator(), server.auth());
        HttpHandler roomMessages = server.http().handlerAt("/api/rooms/*"); // lesson 07's
        server.http().staticFiles("/", PAGE)
                .http("/sse", new SseEndpoint(config, tokens, limits, local, inbox, writers))
                .http("/sse/session", new SseSessionApi(tokens, clock))
                .http("/api/notify/*", guarded)
                .http("/api/broadcast", broadcast)
                .http("/api/streams", new AdminApi(new StreamsApi(local, config), server.authenticator(),
                        server.auth()))
                .http("/api/rooms/*", new HttpHandler() {
                    @Override
                    public void service(Request request, Response response) throws Exception {
                        (NotifyApi.serves(request.getRequestURI()) ? guarded : roomMessages).service(request,
                                response);
                    }
                });
        if (!config.websocketEnabled()) {
            server.http().guardFirst(handshake -> HandshakeVerdict.reject(404, "transport_disabled",
                    "this server has WebSocket switched off (WEBSOCKET_ENABLED=false); use /sse"));
        }
        long beat = config.heartbeat().toMillis();
        server.scheduler().scheduleAtFixedRate(local::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }
    // end::install[]

    /** @return lesson 07's extension, which this one wraps */
    public ChatExtension chat() {
        return chat;
    }

    /** @return this server's event streams, once installed */
    public LocalStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        LocalStreams local = streams;
        if (local != null) {
            local.endAll(); // browsers reconnect, to another server if this one is gone
        }
        writers.shutdown();
        chat.close();
    }
}
