package dev.realtimelessons.kit.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's nginx, started for a test on 127.0.0.1 and a free port, as a load balancer in front of WebSocket
 * servers: round robin over the upstreams, the {@code Upgrade} and {@code Connection} headers passed on, and
 * read timeouts longer than the heartbeat interval. It runs as a child process with its configuration, logs and
 * temporary files in a folder of its own, removed by {@link #close()}.
 *
 * <p>{@link #requireInstalled()} skips the test when nginx is missing, except under CI ({@code CI=true}), where
 * it fails: {@code .ci/run} installs it.
 */
public final class LocalNginx implements AutoCloseable {

    private static final String BINARY = System.getenv().getOrDefault("NGINX_BIN", "/usr/sbin/nginx");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path folder;
    private final int port;
    private final String config;

    private LocalNginx(Process process, Path folder, int port, String config) {
        this.process = process;
        this.folder = folder;
        this.port = port;
        this.config = config;
    }

    /**
     * Skips the running test when nginx is not installed, or fails it under CI.
     */
    public static void requireInstalled() {
        boolean installed = new File(BINARY).canExecute();
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI must run the nginx test, but " + BINARY + " is missing: .ci/run installs it"
                    + " with apt-get install nginx");
        }
        Assumptions.assumeTrue(installed, "no nginx: install it with 'sudo apt-get install nginx' (or set NGINX_BIN)"
                + " to run this test");
    }

    /**
     * Starts nginx in front of servers.
     *
     * @param upstreams   the servers' {@code http://127.0.0.1:port} addresses
     * @param readTimeout how long a proxied connection may be silent: longer than the heartbeat interval
     * @return nginx, accepting connections
     */
    public static LocalNginx start(List<URI> upstreams, Duration readTimeout) {
        return startWith(port -> proxy(port, upstreams, readTimeout));
    }

    /**
     * Starts nginx with a configuration of the caller's: a lesson's own, as its README shows it.
     *
     * @param http what goes in the {@code http} block (maps, upstreams, servers), for the port nginx must listen
     *             on ({@code listen 127.0.0.1:PORT;})
     * @return nginx, accepting connections
     */
    public static LocalNginx startWith(IntFunction<String> http) {
        try {
            Path folder = Files.createTempDirectory("nginx-");
            int port = freePort();
            String config = wrap(folder, http.apply(port));
            Files.writeString(folder.resolve("nginx.conf"), config, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(BINARY, "-p", folder.toString(), "-c", "nginx.conf",
                    "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("stdout.log").toFile())
                    .start();
            LocalNginx nginx = new LocalNginx(process, folder, port, config);
            nginx.awaitListening();
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx", e);
        }
    }

    /**
     * The proxy configuration {@link #start(List, Duration)} runs with.
     *
     * @param port        where nginx listens
     * @param upstreams   the servers
     * @param readTimeout the proxied connections' silence limit
     * @return the content of the http block
     */
    static String proxy(int port, List<URI> upstreams, Duration readTimeout) {
        String servers = upstreams.stream()
                .map(uri -> "        server " + uri.getHost() + ":" + uri.getPort() + ";")
                .collect(Collectors.joining("\n"));
        long seconds = Math.max(1, readTimeout.toSeconds());
        return """
                # Upgrade and Connection are hop-by-hop headers: nginx drops them unless told to pass them on.
                map $http_upgrade $connection_upgrade {
                    default upgrade;
                    ''      close;
                }
                upstream realtime {
                %1$s
                }
                server {
                    listen 127.0.0.1:%2$d;
                    location / {
                        proxy_pass http://realtime;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $http_host; # with the port: browsers' Origin has it
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        # nginx closes a proxied connection silent for this long: keep it above the heartbeat.
                        proxy_read_timeout %3$ds;
                        proxy_send_timeout %3$ds;
                    }
                }
                """.formatted(servers, port, seconds);
    }

    /** A whole nginx.conf around an http block's content, every file of nginx's in its own folder. */
    private static String wrap(Path folder, String http) {
        return """
                worker_processes 1;
                error_log %1$s/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;

                %2$s
                }
                """.formatted(folder, http.indent(4).stripTrailing());
    }

    /**
     * An absolute URI through nginx.
     *
     * @param scheme       {@code http} or {@code ws}
     * @param pathAndQuery for example {@code /ws}
     * @return the URI
     */
    public URI uri(String scheme, String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + port + pathAndQuery);
    }

    /** @return the nginx.conf it runs with */
    public String config() {
        return config;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) { // bounded: nginx starts in milliseconds or not at all
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(folder.resolve("stdout.log")) + readErrorLog());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20); // polling a port that is not open yet: nothing to wait on instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while nginx was starting", e);
        }
    }

    private String readErrorLog() throws IOException {
        Path log = folder.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
