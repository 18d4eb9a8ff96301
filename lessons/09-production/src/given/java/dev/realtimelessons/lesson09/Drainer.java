package dev.realtimelessons.lesson09;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.realtimelessons.kit.concurrent.DaemonThreads;
import dev.realtimelessons.lesson02.ChatServer;
import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson08.LocalStreams;
import dev.realtimelessons.lesson08.SseStream;

/**
 * Drains a stopping server, once: it marks the server draining ({@code /ready} says 503, new event streams get 503
 * {@code shutting_down}), refuses new WebSocket upgrades (503 {@code shutting_down} with {@code Retry-After}), then
 * moves its clients away as a {@link DrainPlan} says: each batch's WebSocket connections closed with
 * {@value DrainPlan#CLOSE_CODE} and their reconnect hint (after what is queued for them), its event streams ended
 * (a browser's {@code EventSource} comes back after its {@code retry:} delay). It is done when every connection is
 * gone, or at the end of the window plus {@link #GRACE}, whichever comes first; the server can then close, and
 * whatever is left gets lesson 02's 1001.
 *
 * <p>Thread-safe. The drain runs on a thread of its own, which ends with it.
 */
public final class Drainer {

    /** How long after the window's end a drain waits for the last clients to answer their close. */
    public static final Duration GRACE = ChatServer.GOING_AWAY_GRACE;

    private static final System.Logger LOG = System.getLogger(Drainer.class.getName());
    /** How often a drain looks whether every connection is gone. */
    private static final long POLL_MILLIS = 20;

    private final ProductionConfig config;
    private final Runnable markDraining;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Boolean> done = new CompletableFuture<>();
    private volatile ChatServer chat;
    private volatile LocalStreams streams;

    /**
     * Creates the drain of a server that does not run yet: {@link #serve} tells it what to drain.
     *
     * @param config       the window and the batches
     * @param markDraining marks the server draining, for {@code /ready} and new event streams
     */
    Drainer(ProductionConfig config, Runnable markDraining) {
        this.config = config;
        this.markDraining = markDraining;
    }

    /**
     * The server runs: what to drain.
     *
     * @param chat    lesson 02's server: its WebSocket connections, and its upgrades to refuse
     * @param streams lesson 08's event streams of this server
     */
    void serve(ChatServer chat, LocalStreams streams) {
        this.chat = chat;
        this.streams = streams;
    }

    /**
     * Starts the drain, once: later calls start nothing and return the same future.
     *
     * @return completes when the drain is over: true if every connection went, false if the window and the grace
     *         ran out first
     * @throws IllegalStateException if the server does not run yet
     */
    public CompletableFuture<Boolean> start() {
        if (chat == null) {
            throw new IllegalStateException("the server does not run yet: nothing to drain");
        }
        if (started.compareAndSet(false, true)) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("drain"));
            done.whenComplete((allGone, failure) -> timer.shutdownNow());
            timer.execute(() -> begin(timer));
        }
        return done;
    }

    /** @return whether a drain has started */
    public boolean started() {
        return started.get();
    }

    // tag::drain[]
    private void begin(ScheduledExecutorService timer) {
        try {
            markDraining.run(); // first: a load balancer asking /ready stops sending new clients here
            chat.refuseNewConnections(); // upgrades get 503 shutting_down with Retry-After from now on
            List<String> ids = new ArrayList<>();
            for (Connection connection : chat.app().connections().connections()) {
                ids.add(connection.id());
            }
            Map<String, SseStream> open = new HashMap<>();
            for (SseStream stream : streams == null ? List.<SseStream>of() : streams.all()) {
                open.put(stream.id(), stream);
                ids.add(stream.id());
            }
            List<DrainPlan.Batch> plan = plan(ids);
            LOG.log(System.Logger.Level.INFO, "draining {0} connections in {1} batches over {2} ms", ids.size(),
                    plan.size(), config.drainWindow().toMillis());
            for (DrainPlan.Batch batch : plan) {
                timer.schedule(() -> close(batch, open), batch.at().toMillis(), TimeUnit.MILLISECONDS);
            }
            long deadline = System.nanoTime() + config.drainWindow().plus(GRACE).toNanos();
            timer.scheduleWithFixedDelay(() -> {
                boolean allGone = chat.app().connections().connections().isEmpty()
                        && (streams == null || streams.count() == 0);
                if (allGone || System.nanoTime() - deadline >= 0) { // bounded: the window and the grace
                    done.complete(allGone);
                }
            }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) { // whatever went wrong, the server must still be able to stop
            LOG.log(System.Logger.Level.WARNING, "the drain failed; the server closes as it is", e);
            done.complete(false);
        }
    }

    private void close(DrainPlan.Batch batch, Map<String, SseStream> open) {
        for (DrainPlan.Move move : batch.moves()) {
            SseStream stream = open.get(move.id());
            if (stream != null) {
                stream.end(); // a browser's EventSource comes back by itself, after the stream's retry:
            } else { // gone already, or closing: nothing to do
                chat.app().connections().connection(move.id()).ifPresent(connection ->
                        connection.closeAfterQueued(DrainPlan.CLOSE_CODE, reason(move))); // after what is queued
            }
        }
    }
    // end::drain[]

    private List<DrainPlan.Batch> plan(List<String> ids) {
        try {
            return DrainPlan.plan(ids, config.drainWindow(), config.drainBatches(), new SplittableRandom());
        } catch (RuntimeException e) { // the starter's TODO, for one: everyone at once, without a hint
            LOG.log(System.Logger.Level.WARNING, "no drain plan ({0}): every connection closes at once",
                    e.getMessage());
            List<DrainPlan.Move> all = ids.stream().map(id -> new DrainPlan.Move(id, Duration.ZERO)).toList();
            return all.isEmpty() ? List.of() : List.of(new DrainPlan.Batch(Duration.ZERO, all));
        }
    }

    private static String reason(DrainPlan.Move move) {
        try {
            return move.reason();
        } catch (RuntimeException e) { // the starter's TODO
            return "service restart";
        }
    }
}
