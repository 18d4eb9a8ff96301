package dev.realtimelessons.lesson06.broker;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.realtimelessons.kit.concurrent.DaemonThreads;

/**
 * A broker inside one process: for a single server, which needs no Redis, and for servers started side by side in
 * one test. Servers that share a {@link Hub} hear each other.
 *
 * <p>Like Redis, it delivers on a thread of its own (one per server), in the order of publishing.
 */
public final class InMemoryBroker implements Broker {

    /** Where the brokers of one process meet. */
    public static final class Hub {
        private final List<InMemoryBroker> brokers = new CopyOnWriteArrayList<>();
    }

    private final Hub hub;
    private final Listener listener;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final ExecutorService thread;

    /**
     * A broker for one server alone.
     *
     * @param listener receives the messages
     */
    public InMemoryBroker(Listener listener) {
        this(new Hub(), listener);
    }

    /**
     * A broker that hears every other broker of the hub.
     *
     * @param hub      the hub
     * @param listener receives the messages
     */
    public InMemoryBroker(Hub hub, Listener listener) {
        this.hub = hub;
        this.listener = listener;
        this.thread = Executors.newSingleThreadExecutor(DaemonThreads.named("in-memory-broker"));
        hub.brokers.add(this);
    }

    @Override
    public long publish(String channel, String payload) {
        long receivers = 0;
        for (InMemoryBroker broker : hub.brokers) {
            if (broker.channels.contains(channel)) {
                receivers++;
                broker.thread.execute(() -> {
                    if (broker.channels.contains(channel)) { // unsubscribed meanwhile: not delivered, as in Redis
                        broker.listener.onMessage(channel, payload);
                    }
                });
            }
        }
        return receivers;
    }

    @Override
    public CompletableFuture<Void> subscribe(Collection<String> wanted) {
        channels.addAll(wanted);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void unsubscribe(Collection<String> unwanted) {
        channels.removeAll(unwanted);
    }

    @Override
    public Set<String> subscriptions() {
        return Set.copyOf(channels);
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public void close() {
        hub.brokers.remove(this);
        thread.shutdownNow();
    }
}
