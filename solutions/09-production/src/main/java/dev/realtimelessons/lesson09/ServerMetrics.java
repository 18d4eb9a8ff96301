package dev.realtimelessons.lesson09;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

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
    // tag::meters[]
    private final AtomicInteger websockets = new AtomicInteger();
    private final Counter received;
    private final Counter sent;
    private final DistributionSummary outboxDepth;
    private final Timer delivery;
    private final Map<Boolean, Counter> resumes;
    private final Map<String, Counter> errors;

    /**
     * Registers the meters.
     *
     * @param registry   where the meters live: a {@code PrometheusMeterRegistry} in production
     * @param sseStreams how many event streams are open now (lesson 08's {@code LocalStreams::count})
     */
    public ServerMetrics(MeterRegistry registry, IntSupplier sseStreams) {
        this.registry = registry;
        Gauge.builder("realtime.connections", websockets, AtomicInteger::get).tag("transport", "websocket")
                .description("open connections").register(registry);
        Gauge.builder("realtime.connections", sseStreams, IntSupplier::getAsInt).tag("transport", "sse")
                .description("open connections")
                .strongReference(true) // a gauge holds its object weakly: a lambda nobody else holds would go
                .register(registry);
        received = Counter.builder("realtime.messages.received").description("WebSocket messages received")
                .register(registry);
        sent = Counter.builder("realtime.messages.sent").description("WebSocket messages written to sockets")
                .register(registry);
        outboxDepth = DistributionSummary.builder("realtime.outbox.depth")
                .description("messages waiting in the outbox when one leaves it")
                .serviceLevelObjectives(1, 10, 100, 500).register(registry);
        delivery = Timer.builder("realtime.delivery")
                .description("from a room message's numbering to its members' outboxes on this server")
                // Computed here, per server, for registries that show them; Prometheus's shows the histogram
                // instead, and histogram_quantile() computes any percentile from its buckets, across servers too.
                .publishPercentiles(0.5, 0.99)
                .serviceLevelObjectives(DELIVERY_BUCKETS)
                .register(registry);
        resumes = Map.of(true, resumeCounter(true), false, resumeCounter(false));
        errors = Map.of("redis", errorCounter("redis"), "database", errorCounter("database"));
    }

    private Counter resumeCounter(boolean recovered) {
        return Counter.builder("realtime.resumes").tag("recovered", Boolean.toString(recovered))
                .description("joins that resumed from a seq").register(registry);
    }

    private Counter errorCounter(String store) {
        return Counter.builder("realtime.errors").tag("store", store).description("failures of a store")
                .register(registry);
    }
    // end::meters[]

    /** A WebSocket connection opened. */
    public void connectionOpened() {
        websockets.incrementAndGet();
    }

    /**
     * A WebSocket connection that {@link #connectionOpened} counted closed.
     *
     * @param code its close code; 1000 to 1015 and 4000 to 4099 are counted as they are, any other as
     *             {@value #OTHER_CODE}, since a client may send any code from 3000 to 4999
     */
    public void connectionClosed(int code) {
        websockets.decrementAndGet();
        Counter.builder("realtime.closes").tag("code", codeTag(code)).description("closed WebSocket connections")
                .register(registry).increment(); // registered once, found again after
    }

    static String codeTag(int code) {
        return (code >= 1000 && code <= 1015) || (code >= 4000 && code <= 4099) ? Integer.toString(code) : OTHER_CODE;
    }

    /** A WebSocket message arrived. */
    public void messageIn() {
        received.increment();
    }

    /** A WebSocket message was written to its socket. */
    public void messageOut() {
        sent.increment();
    }

    /**
     * A message left an outbox.
     *
     * @param depth how many messages still wait behind it
     */
    public void outboxDepth(int depth) {
        outboxDepth.record(depth);
    }

    /**
     * A room message reached its members' outboxes.
     *
     * @param latency since it was numbered; a negative one (the numbering server's clock ahead of this one's) counts
     *                as 0, so that the message is counted all the same
     */
    public void delivered(Duration latency) {
        delivery.record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /**
     * A join resumed.
     *
     * @param recovered whether every missed message was replayed; false: the client must reload the room
     */
    public void resumed(boolean recovered) {
        resumes.get(recovered).increment();
    }

    /**
     * A store failed.
     *
     * @param store {@code "redis"} or {@code "database"}
     * @throws IllegalArgumentException for any other store: a tag takes values from a fixed set
     */
    public void storeError(String store) {
        Counter counter = errors.get(store);
        if (counter == null) {
            throw new IllegalArgumentException("a store is redis or database, not " + store);
        }
        counter.increment();
    }
}
