package dev.realtimelessons.lesson09;

import java.time.Duration;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.MeterRegistry;

import dev.realtimelessons.kit.TodoException;

/**
 * The figures a team watches to know how a server is doing, as Micrometer meters: what {@code GET /metrics} shows.
 * Their Prometheus names (Micrometer's names, with {@code .} as {@code _}, and the unit and {@code _total} added):
 * <ul>
 *   <li>{@code realtime_connections{transport="websocket"|"sse"}}, a gauge: the connections open now;</li>
 *   <li>{@code realtime_messages_received_total} and {@code realtime_messages_sent_total}: WebSocket messages;</li>
 *   <li>{@code realtime_outbox_depth}, a distribution: how many messages still waited in a connection's outbox
 *       each time one left it;</li>
 *   <li>{@code realtime_closes_total{code}}: closed WebSockets, by close code;</li>
 *   <li>{@code realtime_delivery_seconds}, a timer with its median, its 99th percentile and a histogram (in
 *       Prometheus, the histogram alone: its percentiles come from the buckets): how long after it was numbered a
 *       room message reached its members' outboxes;</li>
 *   <li>{@code realtime_resumes_total{recovered="true"|"false"}}: joins that resumed, and whether nothing was
 *       lost;</li>
 *   <li>{@code realtime_errors_total{store="redis"|"database"}}: failures of the stores.</li>
 * </ul>
 * Every series a tag can take from a fixed set exists from the start, at 0: Prometheus's {@code rate()} and
 * {@code increase()} need a series to exist before its first event to see that event at all.
 *
 * <p>Thread-safe: every method is called from many threads at once, and only adds to a meter.
 */
public final class ServerMetrics {

    /** The tag value of a close code that no one should send: a client cannot make a series of its own. */
    static final String OTHER_CODE = "other";

    /** The delivery times the histogram counts up to, for alerts on a fraction above a threshold. */
    static final Duration[] DELIVERY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final IntSupplier sseStreams;

    /**
     * Registers the meters.
     *
     * @param registry   where the meters live: a {@code PrometheusMeterRegistry} in production
     * @param sseStreams how many event streams are open now (lesson 08's {@code LocalStreams::count})
     */
    public ServerMetrics(MeterRegistry registry, IntSupplier sseStreams) {
        this.registry = registry;
        this.sseStreams = sseStreams;
        // Step 3: register the meters here, every series of a fixed set of tags at 0 (see README, step 3). Until
        // then the methods below throw: the server starts, and every WebSocket closes with 1011 saying so.
    }

    /** A WebSocket connection opened. */
    public void connectionOpened() {
        throw new TodoException("Step 3: one more open WebSocket in realtime.connections{transport=websocket}"
                + " (see README, step 3)");
    }

    /**
     * A WebSocket connection that {@link #connectionOpened} counted closed.
     *
     * @param code its close code; 1000 to 1015 and 4000 to 4099 are counted as they are, any other as
     *             {@value #OTHER_CODE}, since a client may send any code from 3000 to 4999
     */
    public void connectionClosed(int code) {
        throw new TodoException("Step 3: one WebSocket fewer, and count realtime.closes by its code (see codeTag)"
                + " (see README, step 3)");
    }

    static String codeTag(int code) {
        throw new TodoException("Step 3: the code as it is in 1000-1015 and 4000-4099, else other"
                + " (see README, step 3)");
    }

    /** A WebSocket message arrived. */
    public void messageIn() {
        throw new TodoException("Step 3: count realtime.messages.received (see README, step 3)");
    }

    /** A WebSocket message was written to its socket. */
    public void messageOut() {
        throw new TodoException("Step 3: count realtime.messages.sent (see README, step 3)");
    }

    /**
     * A message left an outbox.
     *
     * @param depth how many messages still wait behind it
     */
    public void outboxDepth(int depth) {
        throw new TodoException("Step 3: record the depth in the realtime.outbox.depth distribution"
                + " (see README, step 3)");
    }

    /**
     * A room message reached its members' outboxes.
     *
     * @param latency since it was numbered; a negative one (the numbering server's clock ahead of this one's) counts
     *                as 0, so that the message is counted all the same
     */
    public void delivered(Duration latency) {
        throw new TodoException("Step 3: record the latency in the realtime.delivery timer, a negative one as 0"
                + " (see README, step 3)");
    }

    /**
     * A join resumed.
     *
     * @param recovered whether every missed message was replayed; false: the client must reload the room
     */
    public void resumed(boolean recovered) {
        throw new TodoException("Step 3: count realtime.resumes{recovered} (see README, step 3)");
    }

    /**
     * A store failed.
     *
     * @param store {@code "redis"} or {@code "database"}
     * @throws IllegalArgumentException for any other store: a tag takes values from a fixed set
     */
    public void storeError(String store) {
        throw new TodoException("Step 3: count realtime.errors{store}, refusing any store but redis and database"
                + " (see README, step 3)");
    }
}
