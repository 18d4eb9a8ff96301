package dev.realtimelessons.kit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
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

    private static final System.Logger LOG = System.getLogger(RealtimeServer.class.getName());

    private final HttpServer http;
    private final EmbeddedContainer container;
    private final NetworkListener listener;

    private RealtimeServer(HttpServer http, EmbeddedContainer container, NetworkListener listener) {
        this.http = http;
        this.container = container;
        this.listener = listener;
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

    /** Stops listening and closes every connection, WebSocket ones included. */
    @Override
    public void close() {
        http.shutdownNow(); // first: closing sessions still schedules work on the container's executors
        container.stop();
    }

    /** Describes a server; {@link #start()} starts it. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private Integer maxIncomingMessageBytes;
        private int workerThreads;
        private HandshakeGuard guard;
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
         * The size of Tyrus's incoming buffer: a frame larger than this closes the connection (with 1011,
         * "Buffer overflow.", in Tyrus 2.2.2). Default: Tyrus's own (4 MiB). For a protocol limit, check message
         * sizes in the endpoint instead, where the close code is yours to choose.
         *
         * @param bytes the limit in bytes
         * @return this builder
         */
        public Builder maxIncomingMessageBytes(int bytes) {
            this.maxIncomingMessageBytes = bytes;
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
         * Starts the server.
         *
         * @return the running server
         * @throws UncheckedIOException if the port cannot be bound
         * @throws IllegalStateException if an endpoint is invalid
         */
        public RealtimeServer start() {
            EmbeddedContainer container = new EmbeddedContainer(maxIncomingMessageBytes);
            AcceptedHandshakes accepted = new AcceptedHandshakes();
            for (ServerEndpointConfig endpoint : endpoints) {
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
            if (workerThreads > 0) {
                listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().copy()
                        .setCorePoolSize(workerThreads).setMaxPoolSize(workerThreads));
            }
            if (guard != null) { // registered first, so that its filter runs before Tyrus's
                listener.registerAddOn(guardAddOn(new GuardFilter(guard, accepted)));
            }
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
            return new RealtimeServer(http, container, listener);
        }

        private static AddOn guardAddOn(GuardFilter filter) {
            return (networkListener, chain) -> chain.add(chain.indexOfType(HttpServerFilter.class), filter);
        }
    }
}
