package dev.realtimelessons.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.realtimelessons.kit.redis.LocalRedis;

/**
 * One server under test in a process of its own, on a free loopback port: started fresh for every run, stopped
 * after it. For lesson 06 it also owns the run's Redis (embedded, a child of the harness), whose CPU counts as
 * the server's.
 */
final class ServerProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServerProcess.class.getName());
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ServerKind kind;
    private final Process process;
    private final int port;
    private final LocalRedis redis;
    private final Path log;
    private boolean closed;

    private ServerProcess(ServerKind kind, Process process, int port, LocalRedis redis, Path log) {
        this.kind = kind;
        this.process = process;
        this.port = port;
        this.redis = redis;
        this.log = log;
    }

    /**
     * Starts a server and waits until its port accepts connections.
     *
     * @param kind      which server
     * @param classpath the class path of the Java servers
     * @param nodeDir   the folder of {@code server.mjs}, its {@code node_modules} installed
     * @param javaOpts  the Java servers' JVM options
     * @return the running server
     */
    static ServerProcess start(ServerKind kind, String classpath, Path nodeDir, List<String> javaOpts) {
        int port = freePort();
        LocalRedis redis = kind == ServerKind.L06 || kind == ServerKind.L09 ? LocalRedis.startEmbedded() : null;
        Map<String, String> env = new HashMap<>(ServerKind.NO_LIMITS);
        env.putAll(kind.env());
        env.put("HOST", "127.0.0.1");
        env.put("PORT", Integer.toString(port));
        if (redis != null) {
            env.put("REDIS_URL", redis.uri().toString());
        }
        List<String> command = new ArrayList<>();
        if (kind == ServerKind.NODE) {
            command.addAll(List.of("node", nodeDir.resolve("server.mjs").toString()));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(javaOpts);
            command.addAll(List.of("-cp", classpath, kind.main().getName()));
        }
        try {
            Path log = Files.createTempFile("bench-" + kind.id() + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            ServerProcess server = new ServerProcess(kind, builder.start(), port, redis, log);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            if (redis != null) {
                redis.close();
            }
            throw new UncheckedIOException("cannot start " + kind.label(), e);
        }
    }

    /** @return the server's WebSocket address */
    String wsUri() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /** @return the server's CPU time so far, its Redis's and its own children's (lesson 09's PostgreSQL) included */
    long cpuNanos() {
        long nanos = ProcStats.cpuNanos(process.pid());
        nanos += process.descendants().mapToLong(child -> ProcStats.cpuNanosIfAlive(child.pid())).sum();
        if (redis != null) {
            nanos += redisPids().stream().mapToLong(ProcStats::cpuNanos).sum();
        }
        return nanos;
    }

    /** @return the server process's resident memory in KiB */
    long rssKib() {
        return ProcStats.rssKib(process.pid());
    }

    /**
     * Runs a full collection in the server ({@code jcmd GC.run}) and reads the used heap after it.
     *
     * @return the live heap in KiB, or -1 for the Node server
     */
    long heapAfterGcKib() {
        if (kind == ServerKind.NODE) {
            return -1;
        }
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info gave no used heap for " + kind.label());
        }
        return Long.parseLong(used.group(1));
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
                    .redirectErrorStream(true).start();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<Long> redisPids() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().map(c -> c.contains("redis")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(kind.label() + " exited with " + process.exitValue() + ": "
                        + tail());
            }
            if (upgrades()) {
                return;
            }
            sleep(100); // still starting; bounded by the deadline
        }
        close();
        throw new IllegalStateException(kind.label() + " did not listen within " + START_TIMEOUT + ": " + tail());
    }

    /**
     * A port that accepts connections is not yet a server that upgrades them (Tyrus's {@code Server} listens
     * before its endpoint is deployed, and answers 404 meanwhile): ready means a WebSocket handshake gets 101.
     */
    private boolean upgrades() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(("GET /ws?user=ready HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] status = socket.getInputStream().readNBytes(12);
            return new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 101");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** @return the end of the server's output, for an error message */
    String tail() {
        try {
            String out = Files.readString(log);
            return out.substring(Math.max(0, out.length() - 2_000));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and its Redis, and removes its log. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "{0} ignored SIGTERM; killing it", kind.label());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (redis != null) {
                redis.close();
            }
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot delete " + log, e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
