package dev.realtimelessons.lesson08.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

import dev.realtimelessons.lesson08.bench.Subscribers.Transport;

/**
 * What an idle connection costs the server: N connections opened by plain blocking sockets, each with a handshake
 * written by hand ({@code GET /sse} up to its {@code ready} event, or {@code GET /ws} with an upgrade up to its
 * {@code connected} message), then left silent. The live heap (after a full collection) and the process's
 * {@code VmRSS} are read before and after, and divided by N.
 *
 * <p>Only the heap is a figure. The RSS of one JVM grows with whatever heap pages the collector touches, whatever
 * the connections cost: the same server measured 332 and 0.8 KiB of RSS growth per connection in two rounds of one
 * run, and the growth of the committed heap does not explain it (pages are committed long before they are
 * touched). The RSS growth is reported for the record; a server's RSS per connection needs a process of its own
 * (as the idle case of the repository's {@code bench/} harness runs it).
 *
 * <p>The clients live in this JVM, so the difference holds their share too. A plain socket is the smallest client
 * there is (no HTTP or WebSocket client objects, no buffers once the handshake is read) and it is the same for both
 * transports; its share is measured on its own, with N sockets connected to a listener that never accepts them
 * (the kernel completes the handshakes; no Java object exists on the other side), and subtracted.
 */
final class IdleConnections {

    /** Most handshakes at once: enough to open 1,000 in a few seconds on 2 cores. */
    private static final int THREADS = 8;
    /** The most of a handshake's answer read before giving up on it. */
    private static final int MAX_ANSWER = 64 * 1024;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /**
     * The cost of one idle connection.
     *
     * @param heapKib       server's live heap per connection, KiB (the client sockets' share subtracted)
     * @param rssKib        RSS growth per connection, KiB (client share subtracted): mostly the collector's doing
     * @param clientHeapKib what one client socket kept on the heap, KiB (subtracted)
     * @param openSeconds how long the N handshakes took
     * @param stillOpen   connections the server still counted at the second reading: N in a clean run
     */
    record Cost(double heapKib, double rssKib, double clientHeapKib, double openSeconds, int stillOpen) {
    }

    /** One reading, after two full collections: live heap and resident set, in bytes. */
    private record Reading(long heap, long rss) {

        static Reading now() {
            long heap = liveHeap();
            return new Reading(heap, rssBytes());
        }

        /** @return the growth since {@code before}: heap, RSS */
        long[] since(Reading before) {
            return new long[] {heap - before.heap, rss - before.rss};
        }
    }

    private IdleConnections() {
    }

    /**
     * Opens N idle connections, reads the memory, closes them.
     *
     * @param transport   which endpoint
     * @param server      the server's address, on loopback
     * @param tokens      one token per connection (N = its size); each a user of its own
     * @param serverCount how many connections of this transport the server holds now
     * @param timeout     how long the N handshakes may take in all; each read times out after 10 s
     * @return the cost
     * @throws IOException if a handshake fails
     * @throws TimeoutException if the handshakes take longer than {@code timeout}
     * @throws InterruptedException if interrupted
     */
    static Cost measure(Transport transport, InetSocketAddress server, List<String> tokens, IntSupplier serverCount,
                        Duration timeout) throws IOException, TimeoutException, InterruptedException {
        int count = tokens.size();
        settle();
        long[] client = clientShare(count);
        Reading before = Reading.now();
        List<Socket> sockets = new ArrayList<>(count);
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "bench-idle");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Socket>> opening = new ArrayList<>(count);
            for (String token : tokens) {
                opening.add(pool.submit(() -> handshake(transport, server, token)));
            }
            long deadline = began + timeout.toNanos();
            for (Future<Socket> socket : opening) {
                sockets.add(socket.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            double openSeconds = (System.nanoTime() - began) / 1e9;
            long[] growth = Reading.now().since(before);
            int stillOpen = serverCount.getAsInt();
            return new Cost(kib(growth[0] - client[0], count), kib(growth[1] - client[1], count),
                    kib(client[0], count), openSeconds, stillOpen);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
            sockets.forEach(IdleConnections::reset);
        }
    }

    /**
     * What N client sockets cost this JVM on their own: connected to a loopback listener that never accepts, so
     * that nothing but the client side exists in Java.
     *
     * @return heap and RSS bytes, for all N
     */
    private static long[] clientShare(int count) throws IOException {
        // Connections wait in the listener's accept queue, which the kernel caps at net.core.somaxconn.
        int measured = Math.min(count, 4_000);
        try (ServerSocket listener = new ServerSocket(0, measured + 1, InetAddress.getLoopbackAddress())) {
            Reading before = Reading.now();
            List<Socket> sockets = new ArrayList<>(measured);
            try {
                for (int i = 0; i < measured; i++) {
                    Socket socket = new Socket();
                    sockets.add(socket);
                    socket.connect(listener.getLocalSocketAddress(), 10_000);
                    socket.getInputStream(); // as the real clients: both streams exist
                    socket.getOutputStream();
                }
                long[] growth = Reading.now().since(before);
                for (int i = 0; i < growth.length; i++) {
                    growth[i] = growth[i] * count / measured;
                }
                return growth;
            } finally {
                sockets.forEach(IdleConnections::reset);
            }
        }
    }

    private static Socket handshake(Transport transport, InetSocketAddress server, String token) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, 10_000);
            socket.setSoTimeout(10_000);
            String host = "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n";
            String auth = "Authorization: Bearer " + token + "\r\n";
            String request;
            String expected;
            String marker;
            if (transport == Transport.SSE) {
                request = "GET /sse HTTP/1.1\r\n" + host + auth + "Accept: text/event-stream\r\n"
                        + "Cache-Control: no-store\r\n\r\n";
                expected = "HTTP/1.1 200";
                marker = "event: ready";
            } else {
                byte[] key = new byte[16];
                ThreadLocalRandom.current().nextBytes(key);
                request = "GET /ws HTTP/1.1\r\n" + host + auth + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n";
                expected = "HTTP/1.1 101";
                marker = "\"type\":\"connected\""; // in an unmasked server frame, readable as it is
            }
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder answer = new StringBuilder();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (answer.indexOf(marker) < 0) {
                int read = in.read(buffer);
                if (read < 0 || answer.length() > MAX_ANSWER) {
                    throw new IOException(transport.label + " handshake: no " + marker + " in "
                            + firstLine(answer));
                }
                answer.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
            if (!answer.toString().startsWith(expected)) {
                throw new IOException(transport.label + " handshake answered " + firstLine(answer));
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            reset(socket);
            throw e;
        }
    }

    private static String firstLine(CharSequence answer) {
        String text = answer.toString();
        int end = text.indexOf('\r');
        return end < 0 ? "'" + text + "'" : "'" + text.substring(0, end) + "'";
    }

    /** Closes with a reset: no TIME_WAIT left behind, and the server sees the end at once. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    /**
     * The live heap, as the kit's {@code HeapMeter} reads it (kit-testing is a test dependency of the lessons, so
     * the same three lines are here): two full collections, then the used heap.
     *
     * @return bytes in use; meaningless if explicit collections are disabled ({@code -XX:+DisableExplicitGC})
     */
    static long liveHeap() {
        MEMORY.gc();
        MEMORY.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /**
     * Collects until the resident set stops moving by more than 1 MiB (at most five times): a full collection can
     * give back heap the collections before it kept, and that would count against the next reading.
     */
    private static void settle() {
        long rss = rssBytes();
        for (int i = 0; i < 5; i++) {
            liveHeap();
            long now = rssBytes();
            if (Math.abs(now - rss) < 1024 * 1024) {
                return;
            }
            rss = now;
        }
    }

    /** @return this process's resident set ({@code VmRSS} of {@code /proc/self/status}), in bytes */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status (the benchmark needs Linux)", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static double kib(long bytes, int count) {
        return bytes / 1024.0 / count;
    }
}
