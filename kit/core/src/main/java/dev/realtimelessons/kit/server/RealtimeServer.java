package dev.realtimelessons.kit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

import dev.realtimelessons.kit.http.JsonErrorPages;

/**
 * One Grizzly HTTP server on one port that serves plain HTTP handlers, static files and Tyrus WebSocket endpoints
 * together.
 *
 * <p>Requests that carry {@code Upgrade: websocket} for a registered endpoint path are handed to Tyrus (through
 * its {@link WebSocketAddOn}, which sits in front of Grizzly's HTTP filter); every other request falls through to
 * the HTTP handlers. Port {@code 0} picks a free port; {@link #port()} tells which. {@link #close()} stops the
 * server and closes every connection. What Grizzly answers by itself (a path no handler serves, a missing static
 * file, a handler that threw) is the course's JSON error body too ({@link JsonErrorPages}), never an HTML page.
 *
 * <p>Every frame a client sends passes a {@link FrameGuard} before Tyrus reads it: a message over
 * {@link Builder#maxMessageBytes} (64 KiB by default) closes the connection with 1009 as soon as the frame header
 * that takes it over arrives, a binary frame with 1003 (the course speaks JSON text), and a frame RFC 6455 forbids
 * (unmasked, a bad control frame) with 1002; Tyrus never buffers more than one frame of the limit.
 *
 * <p>Every server refuses, with the course's JSON error: a request head over {@link Builder#maxRequestHeadBytes}
 * (431), and a WebSocket handshake past its {@link ConnectionLimits} (503 or 429) or refused by its
 * {@link HandshakeGuard}. A refused handshake never becomes a session.
 *
 * <pre>{@code
 * try (RealtimeServer server = RealtimeServer.builder()
 *         .http("/poll", new PollHandler(feed))
 *         .websocket(Endpoints.perConnection(FeedEndpoint.class, "/ws", () -> new FeedEndpoint(feed)))
 *         .start()) {
 *     URI ws = server.uri("ws", "/ws");
 * }
 * }</pre>
 */
public final class RealtimeServer implements AutoCloseable {

    /** The course's limit on a client message, 64 KiB (PROTOCOL.md, "Frames"). */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    /**
     * The default of {@link Builder#maxRequestHeadBytes}: 16 KiB, twice Grizzly's own 8 KiB, so that a credential
     * of up to 8 KiB (lesson 04's limit) fits next to the usual headers, cookies included.
     */
    public static final int DEFAULT_MAX_REQUEST_HEAD_BYTES = 16 * 1024;

    private static final int MIN_REQUEST_HEAD_BYTES = 1024;

    private static final System.Logger LOG = System.getLogger(RealtimeServer.class.getName());

    private final HttpServer http;
    private final EmbeddedContainer container;
    private final NetworkListener listener;
    private final ConnectionSlots slots;

    private RealtimeServer(HttpServer http, EmbeddedContainer container, NetworkListener listener,
                           ConnectionSlots slots) {
        this.http = http;
        this.container = container;
        this.listener = listener;
        this.slots = slots;
    }

    /**
     * Starts describing a server.
     *
     * @return a builder bound to 127.0.0.1 and a free port
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The port the server listens on (the real one when it was started with port 0).
     *
     * @return the port
     */
    public int port() {
        return listener.getPort();
    }

    /**
     * An absolute URI on this server.
     *
     * @param scheme {@code http} or {@code ws}
     * @param pathAndQuery for example {@code "/poll?since=0"}
     * @return the URI
     */
    public URI uri(String scheme, String pathAndQuery) {
        String host = listener.getHost();
        if ("0.0.0.0".equals(host)) {
            host = "127.0.0.1";
        }
        return URI.create(scheme + "://" + host + ":" + port() + pathAndQuery);
    }

    /**
     * The WebSocket connections the server holds a place for under its {@link ConnectionLimits}: upgraded ones, and
     * those whose handshake is under way. A refused or failed handshake is not among them, and a connection leaves
     * once its TCP connection has closed.
     *
     * @return how many
     */
    public int openConnections() {
        return slots.taken();
    }

    /**
     * Refuses every WebSocket handshake from now on with 503 {@code shutting_down} and {@code Retry-After}; the
     * connections already open stay open. The first step of a graceful close: drain, tell the clients, then
     * {@link #close()}.
     */
    public void drain() {
        slots.drain();
    }

    /**
     * Waits until every WebSocket connection has closed (after a {@link #drain()}, while the clients are told to
     * go), or the timeout has passed.
     *
     * @param timeout the longest wait
     * @return true if none is open
     */
    public boolean awaitNoConnections(Duration timeout) {
        try {
            return slots.awaitNone(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops listening and closes every connection, WebSocket ones included. */
    @Override
    public void close() {
        // What is still open here is dropped without a close frame; a graceful close drains and closes the sessions
        // first (see drain(), and lesson 02's ChatServer.close).
        container.stop();
        http.shutdownNow();
    }

    /** Describes a server; {@link #start()} starts it. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int workerThreads;
        private int maxRequestHeadBytes = DEFAULT_MAX_REQUEST_HEAD_BYTES;
        private boolean compression;
        private HandshakeGuard guard;
        private ConnectionLimits limits = ConnectionLimits.defaults();
        private HandshakeUser user = HandshakeUser.NOBODY;
        private UnaryOperator<TyrusWebSocketEngine.TyrusWebSocketEngineBuilder> engine = UnaryOperator.identity();
        private final Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        private final List<ServerEndpointConfig> endpoints = new ArrayList<>();

        private Builder() {
        }

        /**
         * The address to bind. Default {@code 127.0.0.1}; use {@code 0.0.0.0} to accept other machines.
         *
         * @param host an address or host name
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /**
         * The port. Default {@code 0}: a free port chosen by the system.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The largest message a client may send, in one frame or in several: its payload bytes (the UTF-8 bytes of
         * a text message). A frame whose header announces more, or takes a fragmented message over it, closes the
         * connection with 1009 before its payload is read (see {@link FrameGuard}). Default
         * {@value RealtimeServer#DEFAULT_MAX_MESSAGE_BYTES}.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 1 || bytes > Integer.MAX_VALUE - FrameGuard.MAX_HEADER_BYTES) {
                throw new IllegalArgumentException("bytes must be 1.." + (Integer.MAX_VALUE
                        - FrameGuard.MAX_HEADER_BYTES) + ", got " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * Whether every WebSocket endpoint offers permessage-deflate (RFC 7692, Tyrus's extension). A client that
         * asks for it in its handshake ({@code Sec-WebSocket-Extensions: permessage-deflate}) gets it, and then
         * every message both ways is compressed; a client that does not ask is served as before. The
         * {@link #maxMessageBytes} limit then holds for what a client's message inflates to as well as for its
         * compressed bytes: past it the connection is closed with 1009 (see {@link BoundedDeflate}, which also says
         * what a connection holds for it). Default off.
         *
         * @param on whether to offer it
         * @return this builder
         */
        public Builder compression(boolean on) {
            this.compression = on;
            return this;
        }

        /**
         * The largest request head (the request line and the headers together) the server reads, for plain HTTP
         * requests and WebSocket handshakes alike. A larger one, or one with more than 100 headers, is answered
         * {@code 431 Request Header Fields Too Large} with the course's JSON error ({@code request_header_too_large})
         * before any handler or guard runs, and its connection is closed. Grizzly stops reading at the limit, so it
         * also bounds what one request can take from memory before it is refused; an accepted WebSocket keeps its
         * handshake's head for its whole life. Default {@link #DEFAULT_MAX_REQUEST_HEAD_BYTES}.
         *
         * @param bytes at least 1 KiB
         * @return this builder
         */
        public Builder maxRequestHeadBytes(int bytes) {
            if (bytes < MIN_REQUEST_HEAD_BYTES) {
                throw new IllegalArgumentException("a request head limit must be at least " + MIN_REQUEST_HEAD_BYTES
                        + " bytes, got " + bytes);
            }
            this.maxRequestHeadBytes = bytes;
            return this;
        }

        /**
         * Fixes the number of worker threads that run handlers and endpoint callbacks. Default: Grizzly's own
         * (a pool sized from the number of processors). A small number makes it visible when code parks a thread
         * per waiting request.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder workerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.workerThreads = threads;
            return this;
        }

        /**
         * Serves a path with a plain HTTP handler.
         *
         * @param path    an exact path such as {@code "/poll"}, or a prefix such as {@code "/api/*"}
         * @param handler the handler; Grizzly calls it on a worker thread
         * @return this builder
         */
        public Builder http(String path, HttpHandler handler) {
            handlers.put(path, Objects.requireNonNull(handler));
            return this;
        }

        /**
         * The handler a path is served with so far, for a later lesson that puts a handler in front of it.
         *
         * @param path the path as given to {@link #http}
         * @return the handler, or null if the path is not served
         */
        public HttpHandler handlerAt(String path) {
            return handlers.get(path);
        }

        /**
         * Serves files from the classpath, for example a lesson's browser page.
         *
         * @param path          the URL prefix, for example {@code "/"}
         * @param classpathRoot the resource folder, for example {@code "web/"}
         * @return this builder
         */
        public Builder staticFiles(String path, String classpathRoot) {
            String root = classpathRoot.endsWith("/") ? classpathRoot : classpathRoot + "/";
            return http(path, new CLStaticHttpHandler(Thread.currentThread().getContextClassLoader(), "/" + root));
        }

        /**
         * Serves a WebSocket endpoint.
         *
         * @param config a configuration, usually from {@link Endpoints#perConnection}
         * @return this builder
         */
        public Builder websocket(ServerEndpointConfig config) {
            endpoints.add(Objects.requireNonNull(config));
            return this;
        }

        /**
         * Checks every WebSocket upgrade request before Tyrus sees it: a rejected one gets an HTTP error and never
         * becomes a session. See {@link HandshakeGuard}.
         *
         * @param guard the guard
         * @return this builder
         */
        public Builder guard(HandshakeGuard guard) {
            this.guard = Objects.requireNonNull(guard);
            return this;
        }

        /**
         * Puts a check in front of the guard set so far (lesson 08: a server with WebSocket switched off refuses
         * every upgrade before its credentials are looked at). The check's rejection stands; its acceptance hands
         * the request on to the earlier guard, or lets it through when there is none.
         *
         * @param first the check that runs first; its principal is ignored when an earlier guard decides
         * @return this builder
         */
        public Builder guardFirst(HandshakeGuard first) {
            Objects.requireNonNull(first);
            HandshakeGuard then = guard;
            this.guard = then == null ? first : new HandshakeGuard() {
                @Override
                public HandshakeVerdict check(Handshake handshake) {
                    HandshakeVerdict verdict = first.check(handshake);
                    return verdict instanceof HandshakeVerdict.Rejected ? verdict : then.check(handshake);
                }

                @Override
                public Set<String> secretParameters() {
                    return then.secretParameters();
                }
            };
            return this;
        }

        /**
         * How many WebSocket connections the server holds at once, in total, per user and per client address. A
         * handshake past a limit is refused with 503 or 429 and a JSON body before Tyrus sees it; see
         * {@link ConnectionLimits}. Default {@link ConnectionLimits#defaults()}.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder connectionLimits(ConnectionLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * Who a connection counts against for {@link ConnectionLimits#maxPerUser()}. Default
         * {@link HandshakeUser#NOBODY}: no limit per user.
         *
         * @param user says who an upgrade request's user is
         * @return this builder
         */
        public Builder connectionUser(HandshakeUser user) {
            this.user = Objects.requireNonNull(user);
            return this;
        }

        /** For tests that measure Tyrus's own engine options: changes how the engine is built. */
        Builder tyrusEngine(UnaryOperator<TyrusWebSocketEngine.TyrusWebSocketEngineBuilder> engine) {
            this.engine = Objects.requireNonNull(engine);
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         * @throws UncheckedIOException if the port cannot be bound
         * @throws IllegalStateException if an endpoint is invalid
         */
        public RealtimeServer start() {
            FrameGuard frames = new FrameGuard(maxMessageBytes);
            EmbeddedContainer container = new EmbeddedContainer(
                    builder -> engine.apply(builder.incomingBufferSize(frames.tyrusBufferBytes())));
            AcceptedHandshakes accepted = new AcceptedHandshakes();
            for (ServerEndpointConfig described : endpoints) {
                ServerEndpointConfig endpoint = compression ? BoundedDeflate.offeredBy(described, maxMessageBytes)
                        : described;
                try {
                    container.register(guard == null ? endpoint : GuardedConfigurator.guard(endpoint, accepted));
                } catch (DeploymentException e) {
                    throw new IllegalStateException("invalid endpoint " + endpoint.getPath(), e);
                }
            }

            NetworkListener listener = new NetworkListener("realtime", host, port);
            // As Tyrus's own Grizzly container does: application code may block, so run it on worker threads,
            // and never time out an idle connection (a WebSocket is idle most of its life).
            listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
            listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
            listener.setMaxHttpHeaderSize(maxRequestHeadBytes);
            listener.registerAddOn(JsonHttpCodec.addOn(maxRequestHeadBytes));
            if (workerThreads > 0) {
                listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().copy()
                        .setCorePoolSize(workerThreads).setMaxPoolSize(workerThreads));
            }
            ConnectionSlots slots = new ConnectionSlots(limits);
            // Each add-on puts its filter just before Grizzly's HTTP server filter, so the order of registration is
            // the order in the chain: the handshake filter, then the frame guard, then Tyrus
            listener.registerAddOn(beforeHttpServerFilter(new HandshakeFilter(guard, accepted, slots, user)));
            listener.registerAddOn(beforeHttpServerFilter(frames));
            listener.registerAddOn(new WebSocketAddOn(container, EmbeddedContainer.CONTEXT_PATH));

            HttpServer http = new HttpServer();
            http.addListener(listener);
            ServerConfiguration configuration = http.getServerConfiguration();
            configuration.setDefaultQueryEncoding(StandardCharsets.UTF_8);
            configuration.setPassTraceRequest(false);
            configuration.setDefaultErrorPageGenerator(new JsonErrorPages()); // a 404 or a 500 is JSON, like ours
            handlers.forEach((path, handler) -> configuration.addHttpHandler(handler, path));

            try {
                http.start();
                container.start(EmbeddedContainer.CONTEXT_PATH, listener.getPort());
            } catch (IOException e) {
                http.shutdownNow();
                throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
            } catch (DeploymentException e) {
                http.shutdownNow();
                throw new IllegalStateException(e);
            }
            LOG.log(System.Logger.Level.DEBUG, "listening on {0}:{1}", host, listener.getPort());
            return new RealtimeServer(http, container, listener, slots);
        }

        private static AddOn beforeHttpServerFilter(Filter filter) {
            return (networkListener, chain) -> chain.add(chain.indexOfType(HttpServerFilter.class), filter);
        }
    }
}
