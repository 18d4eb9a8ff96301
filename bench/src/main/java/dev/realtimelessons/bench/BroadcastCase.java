package dev.realtimelessons.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Rooms of subscribers and one publisher that has joined every room, in four steps on one fresh server:
 * <ol>
 *   <li>ready: a message to every room every 100 ms until every subscriber got one (joins are asynchronous);</li>
 *   <li>warm-up: flat out for {@link Settings#warmup()}, not measured;</li>
 *   <li>fixed rate: {@link Settings#fixedRate()} deliveries per second for {@link Settings#duration()}: latency
 *       percentiles. A message's {@code sent} is the time it was due, not the time it went out, so a stalled
 *       publisher does not hide a slow server (no coordinated omission);</li>
 *   <li>flat out: the publisher keeps at most {@link Settings#window()} messages per room undelivered, for
 *       {@link Settings#duration()}: deliveries per second, the server's CPU per delivery, the client's CPU.</li>
 * </ol>
 */
final class BroadcastCase {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** Acks the publisher lets wait: half of the 256 messages a lesson server's outbox holds per connection. */
    private static final long MAX_UNACKED = 128;

    private final String name;
    private final int rooms;
    private final int perRoom;
    private final Settings settings;

    /**
     * @param name     the case's name in the tables
     * @param rooms    how many rooms
     * @param perRoom  subscribers in each
     * @param settings times and limits
     */
    BroadcastCase(String name, int rooms, int perRoom, Settings settings) {
        this.name = name;
        this.rooms = rooms;
        this.perRoom = perRoom;
        this.settings = settings;
    }

    /** @return the case's title */
    String title() {
        return name + ": " + rooms + (rooms == 1 ? " room" : " rooms") + " × " + perRoom + " subscribers, "
                + settings.fixedRate() + " deliveries/s then flat out";
    }

    /**
     * Runs the case against a running server.
     *
     * @param server the server, fresh
     * @return the run's figures
     */
    Run run(ServerProcess server, ServerKind kind) {
        // The publisher is a JDK WebSocket: it sends at most a few thousand messages a second, so its cost is
        // small next to the deliveries, which the cheap subscribers of Clients receive.
        try (server; Clients clients = new Clients(settings.selectors())) {
            clients.open(server.wsUri(), rooms * perRoom, "s", i -> room(i % rooms));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Replies replies = new Replies();
            WebSocket publisher = http.newWebSocketBuilder()
                    .buildAsync(URI.create(server.wsUri() + "?user=publisher"), replies)
                    .join();
            try {
                for (int r = 0; r < rooms; r++) {
                    publisher.sendText(join(room(r)), true).join();
                }
                Publisher pub = new Publisher(publisher, clients, replies);
                pub.untilReady();
                pub.flatOut(settings.warmup());
                pub.drain();

                clients.latencySinceLastCall();
                pub.fixedRate(settings.fixedRate() / (double) perRoom, settings.duration());
                pub.drain();
                Histogram latency = clients.latencySinceLastCall();

                long serverCpu = server.cpuNanos();
                long clientCpu = ClientCpu.nanos();
                long delivered = clients.delivered();
                long start = System.nanoTime();
                pub.flatOut(settings.duration());
                double seconds = (System.nanoTime() - start) / 1e9;
                long deliveries = clients.delivered() - delivered;
                double serverCores = (server.cpuNanos() - serverCpu) / 1e9 / seconds;
                double clientCores = (ClientCpu.nanos() - clientCpu) / 1e9 / seconds;
                long lost = pub.drain();
                clients.check();
                replies.check();

                Map<String, Double> figures = new LinkedHashMap<>();
                figures.put("deliveries/s", deliveries / seconds);
                figures.put("server CPU µs/delivery", deliveries == 0 ? Double.NaN
                        : serverCores * seconds * 1e6 / deliveries);
                figures.put("server cores", serverCores);
                figures.put("client cores", clientCores);
                figures.put("p50 ms", latency.getValueAtPercentile(50) / 1_000.0);
                figures.put("p99 ms", latency.getValueAtPercentile(99) / 1_000.0);
                figures.put("lost", (double) lost);
                return new Run(kind, figures, ClientLimit.reached(clientCores, serverCores, settings.clientLimit()));
            } finally {
                server.close(); // the server goes first, so its side holds the TIME_WAITs
                publisher.abort();
            }
        }
    }

    private static String room(int index) {
        return "room-" + index;
    }

    private static String join(String room) {
        return "{\"type\":\"join\",\"room\":\"" + room + "\"}";
    }

    /**
     * What the server sends the publisher: acks are counted (servers that do not ack never count any, so the
     * publisher treats every message as acked), and a close is remembered.
     */
    private static final class Replies implements WebSocket.Listener {
        private final AtomicLong acks = new AtomicLong();
        private volatile boolean acking;
        private volatile String closed;

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
            if (last && text.toString().startsWith("{\"type\":\"ack\"")) {
                acking = true;
                acks.incrementAndGet();
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed = code + " " + reason;
            return null;
        }

        /** @return acks read so far, or a count no window reaches when the server does not ack */
        long acks() {
            return acking ? acks.get() : Long.MAX_VALUE / 2;
        }

        /** @throws IllegalStateException if the server closed the publisher */
        void check() {
            if (closed != null) {
                throw new IllegalStateException("the server closed the publisher: " + closed);
            }
        }
    }

    /** The one publisher: round robin over the rooms. Not thread-safe: the case's thread drives it. */
    private final class Publisher {
        private final WebSocket socket;
        private final Clients clients;
        private final Replies replies;
        /** Deliveries the messages sent so far should make. */
        private long expected;
        private long sent;
        private int next;

        Publisher(WebSocket socket, Clients clients, Replies replies) {
            this.socket = socket;
            this.clients = clients;
            this.replies = replies;
        }

        void send(long sentNanos) {
            String room = room(next);
            next = (next + 1) % rooms;
            try {
                socket.sendText("{\"type\":\"publish\",\"room\":\"" + room + "\",\"exclude_self\":true,\"data\":{\"sent\":"
                        + sentNanos + "}}", true).join();
            } catch (CompletionException e) {
                replies.check();
                throw e;
            }
            expected += perRoom;
            sent++;
        }

        void untilReady() {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            try {
                while (!clients.firstMessage().await(100, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(clients.firstMessage().getCount()
                                + " subscribers got no message within " + READY_TIMEOUT);
                    }
                    for (int r = 0; r < rooms; r++) {
                        send(System.nanoTime());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void flatOut(Duration duration) {
            long limit = (long) settings.window() * rooms * perRoom;
            long unacked = Math.min((long) settings.window() * rooms, MAX_UNACKED);
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                // Both windows: undelivered messages, and acks not yet read. Without the second, acks pile up in
                // the server's outbox for the publisher, and a lesson server rightly cuts it off as too slow. The
                // second is capped for the same reason: 16 per room over 100 rooms is more than an outbox holds.
                if (expected - clients.delivered() < limit && sent - replies.acks() < unacked) {
                    send(System.nanoTime());
                } else {
                    LockSupport.parkNanos(50_000); // the window is full: let the server catch up
                }
            }
        }

        void fixedRate(double messagesPerSecond, Duration duration) {
            long period = Math.round(1e9 / messagesPerSecond);
            long start = System.nanoTime();
            long count = duration.toNanos() / period;
            for (long i = 0; i < count; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                send(due);
            }
        }

        /** @return deliveries still missing after waiting up to 10 s for them */
        long drain() {
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (clients.delivered() < expected && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            return Math.max(0, expected - clients.delivered());
        }
    }
}
