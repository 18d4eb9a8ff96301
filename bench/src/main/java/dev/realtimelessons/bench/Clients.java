package dev.realtimelessons.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load generator's subscribers to one server: non-blocking loopback sockets ({@link Connection}) spread over a
 * few selector threads, at most 200 handshakes at a time. Latencies go to an HdrHistogram {@link Recorder} in
 * microseconds (up to 60 s; longer ones are clamped).
 */
final class Clients implements AutoCloseable {

    static final long MAX_MICROS = 60_000_000L;
    private static final int HANDSHAKES_AT_ONCE = 200;
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(120);

    private final List<Loop> loops = new ArrayList<>();
    private final Recorder latency = new Recorder(MAX_MICROS, 3);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Semaphore handshakes = new Semaphore(HANDSHAKES_AT_ONCE);
    private volatile CountDownLatch opened = new CountDownLatch(0);
    private volatile CountDownLatch firstMessage = new CountDownLatch(0);

    /** @param selectors how many selector threads */
    Clients(int selectors) {
        for (int i = 0; i < Math.max(1, selectors); i++) {
            Loop loop = new Loop();
            loops.add(loop);
            Thread thread = new Thread(loop, "load-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Opens connections, each joining its room once upgraded, and waits until every one is upgraded.
     *
     * @param wsUri  the server's WebSocket address (loopback)
     * @param count  how many
     * @param prefix the {@code ?user=} of each is this plus its number
     * @param room   the room of connection i, or null for none
     * @throws IllegalStateException if one fails or they take longer than two minutes
     */
    void open(String wsUri, int count, String prefix, IntFunction<String> room) {
        URI uri = URI.create(wsUri);
        if (!uri.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("the load generator only targets loopback, not " + uri.getHost());
        }
        opened = new CountDownLatch(count);
        firstMessage = new CountDownLatch(room == null ? 0 : count);
        long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        String host = uri.getHost() + ":" + uri.getPort();
        for (int i = 0; i < count; i++) {
            await(() -> handshakes.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS), deadline);
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(address);
                loops.get(i % loops.size()).add(new Connection(channel, host, uri.getPath() + "?user=" + prefix + i,
                        room == null ? null : room.apply(i), this));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to " + address, e);
            }
        }
        CountDownLatch all = opened;
        await(() -> all.await(remaining(deadline), TimeUnit.NANOSECONDS), deadline);
    }

    /** Called by a connection once upgraded. */
    void opened() {
        handshakes.release();
        opened.countDown();
    }

    /** Called by a connection for each room message. */
    void delivered(long latencyNanos, boolean first) {
        latency.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1_000)));
        delivered.incrementAndGet();
        if (first) {
            firstMessage.countDown();
        }
    }

    /** @return the latencies recorded since the last call, in microseconds */
    Histogram latencySinceLastCall() {
        return latency.getIntervalHistogram();
    }

    /** @return room messages received so far, every subscriber's together */
    long delivered() {
        return delivered.get();
    }

    /** @return counted down as each subscriber gets its first room message */
    CountDownLatch firstMessage() {
        return firstMessage;
    }

    /** @throws IllegalStateException if a connection failed */
    void check() {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("a subscriber failed: " + failed.getMessage(), failed);
        }
    }

    /** Resets every connection (no close handshake, no TIME_WAIT here) and stops the selector threads. */
    @Override
    public void close() {
        loops.forEach(Loop::stop);
    }

    private void await(Wait wait, long deadline) {
        try {
            while (!wait.done()) {
                check();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(opened.getCount() + " connections not open within "
                            + OPEN_TIMEOUT);
                }
            }
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long remaining(long deadline) {
        return Math.min(TimeUnit.MILLISECONDS.toNanos(200), Math.max(1, deadline - System.nanoTime()));
    }

    @FunctionalInterface
    private interface Wait {
        boolean done() throws InterruptedException;
    }

    /** One selector thread and its connections. */
    private final class Loop implements Runnable {
        private final Selector selector;
        private final Queue<Connection> added = new ConcurrentLinkedQueue<>();
        private final List<Connection> mine = new ArrayList<>();
        private volatile boolean running = true;
        private final CountDownLatch stopped = new CountDownLatch(1);

        Loop() {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void add(Connection connection) {
            added.add(connection);
            selector.wakeup();
        }

        void stop() {
            running = false;
            selector.wakeup();
            try {
                if (!stopped.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a load thread did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    for (Connection connection; (connection = added.poll()) != null; ) {
                        mine.add(connection);
                        connection.channel.register(selector, SelectionKey.OP_CONNECT, connection);
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        handle(key);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                for (Connection connection : mine) {
                    reset(connection.channel);
                }
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                stopped.countDown();
            }
        }

        private void handle(SelectionKey key) {
            Connection connection = (Connection) key.attachment();
            try {
                if (key.isConnectable()) {
                    connection.channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    connection.connected();
                } else if (key.isReadable() && !connection.readable()) {
                    key.cancel();
                    reset(connection.channel);
                }
            } catch (IOException | RuntimeException e) {
                key.cancel();
                reset(connection.channel);
                if (running) {
                    failure.compareAndSet(null, e);
                }
            }
        }

        private void reset(SocketChannel channel) {
            try {
                if (channel.isOpen()) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    channel.close();
                }
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
