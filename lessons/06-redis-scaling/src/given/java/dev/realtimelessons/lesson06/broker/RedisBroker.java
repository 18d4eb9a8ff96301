package dev.realtimelessons.lesson06.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.lesson05.client.Backoff;

/**
 * The broker on Redis pub/sub, with Jedis: publishing through a pool, and one subscriber connection per server,
 * read by one thread of its own.
 *
 * <p>That thread only reads and hands each message to the {@link Listener}. When the connection breaks it tries
 * again after a delay from lesson 05's {@link Backoff}, and subscribes to every wanted channel again in a single
 * {@code SUBSCRIBE}. Publishing does not depend on that connection: it goes through the pool, and fails with
 * {@link BrokerUnavailableException} when Redis cannot be reached; {@link #publishLater} goes through the pool too, in
 * pipelined batches on a thread of its own ({@link PublishPipeline}).
 *
 * <p>Channels can be added and removed while the thread reads: Jedis lets another thread write
 * {@code SUBSCRIBE} and {@code UNSUBSCRIBE} on the subscribed connection, one writer at a time, which
 * {@code writeLock} ensures.
 */
public final class RedisBroker implements Broker {

    private static final System.Logger LOG = System.getLogger(RedisBroker.class.getName());
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final HostAndPort address;
    private final JedisClientConfig config;
    private final JedisPooled publisher;
    private final PublishPipeline pipeline;
    private final Listener listener;
    private final String homeChannel;
    private final String name;
    private final Backoff backoff;
    private final Object writeLock = new Object();
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private final Thread reader;
    private volatile Subscriber current; // the live subscription; null while disconnected
    private volatile boolean closed;
    private final AtomicInteger losses = new AtomicInteger();

    /**
     * Starts the subscriber thread, which connects in the background.
     *
     * @param address     where Redis is
     * @param config      timeouts and credentials
     * @param name        the subscriber connection's name in Redis's {@code CLIENT LIST}
     * @param homeChannel a channel always subscribed (Redis needs one to start a subscription)
     * @param retry       the first reconnect delay's ceiling; the ceilings double up to 5 seconds
     * @param listener    receives the messages
     */
    public RedisBroker(HostAndPort address, JedisClientConfig config, String name, String homeChannel,
                       Duration retry, Listener listener) {
        this.address = address;
        this.config = config;
        this.publisher = new JedisPooled(address, config);
        this.pipeline = new PublishPipeline(publisher, name + "-publisher");
        this.listener = listener;
        this.homeChannel = homeChannel;
        this.name = name;
        Duration cap = retry.compareTo(LONGEST_RETRY) > 0 ? retry : LONGEST_RETRY;
        this.backoff = new Backoff(retry, cap, Integer.MAX_VALUE, RandomGenerator.getDefault());
        wanted.add(homeChannel);
        this.reader = new Thread(this::readForever, "redis-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits until the subscriber connection is up for the first time.
     *
     * @param timeout how long to wait
     * @return true if connected in time
     * @throws InterruptedException when interrupted
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return firstConnection.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public long publish(String channel, String payload) {
        try {
            return publisher.publish(channel, payload);
        } catch (JedisException e) {
            throw new BrokerUnavailableException("PUBLISH failed: nothing was published", e);
        }
    }

    /** Pipelined: one round trip for every payload waiting (see {@link PublishPipeline}). */
    @Override
    public void publishLater(String channel, String payload) {
        pipeline.publish(channel, payload);
    }

    // tag::subscribe[]
    @Override
    public CompletableFuture<Void> subscribe(Collection<String> channels) {
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        synchronized (writeLock) {
            for (String channel : channels) {
                if (confirmed.contains(channel)) {
                    continue;
                }
                confirmations.add(pending.computeIfAbsent(channel, key -> new CompletableFuture<>()));
                if (wanted.add(channel)) {
                    fresh.add(channel);
                }
            }
            Subscriber subscriber = current;
            if (subscriber == null) { // the reader subscribes to every wanted channel when it reconnects
                return CompletableFuture.failedFuture(
                        new BrokerUnavailableException("not connected to Redis", null));
            }
            if (!fresh.isEmpty()) {
                try {
                    subscriber.subscribe(fresh.toArray(String[]::new)); // one SUBSCRIBE for the batch
                } catch (JedisException e) { // the connection died: the reader resubscribes what is wanted
                    return CompletableFuture.failedFuture(new BrokerUnavailableException("SUBSCRIBE failed", e));
                }
            }
        }
        return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
    }
    // end::subscribe[]

    @Override
    public void unsubscribe(Collection<String> channels) {
        List<String> gone = new ArrayList<>();
        synchronized (writeLock) {
            for (String channel : channels) {
                if (!channel.equals(homeChannel) && wanted.remove(channel)) {
                    gone.add(channel);
                    confirmed.remove(channel);
                    CompletableFuture<Void> waiting = pending.remove(channel);
                    if (waiting != null) {
                        waiting.cancel(false);
                    }
                }
            }
            Subscriber subscriber = current;
            if (subscriber != null && !gone.isEmpty()) {
                try {
                    subscriber.unsubscribe(gone.toArray(String[]::new));
                } catch (JedisException e) { // the connection died: the reader resubscribes only what is wanted
                    LOG.log(System.Logger.Level.DEBUG, "UNSUBSCRIBE failed: {0}", e.toString());
                }
            }
        }
    }

    @Override
    public Set<String> subscriptions() {
        return Set.copyOf(wanted);
    }

    @Override
    public boolean connected() {
        return current != null;
    }

    /** @return how many times the subscriber connection was lost */
    public int losses() {
        return losses.get();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (writeLock) {
            Subscriber subscriber = current;
            if (subscriber != null) {
                try {
                    subscriber.unsubscribe(); // every channel: Jedis's subscribe() returns
                } catch (JedisException e) {
                    LOG.log(System.Logger.Level.DEBUG, "UNSUBSCRIBE on close failed: {0}", e.toString());
                }
            }
        }
        reader.interrupt();
        pipeline.close();
        publisher.close();
    }

    // tag::reconnect[]
    private void readForever() {
        while (!closed) {
            try (Jedis jedis = new Jedis(address, config)) {
                jedis.clientSetname(name);
                Set<String> batch = Set.copyOf(wanted);
                jedis.subscribe(new Subscriber(batch), batch.toArray(String[]::new)); // blocks while connected
            } catch (JedisException e) {
                LOG.log(System.Logger.Level.DEBUG, "Redis subscription failed: {0}", e.toString());
            }
            if (lost() && !closed) {
                LOG.log(System.Logger.Level.WARNING, "lost the Redis subscription; reconnecting with backoff");
            }
            try {
                Thread.sleep(backoff.next().orElseThrow().toMillis()); // never runs out: Integer.MAX_VALUE tries
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }
    // end::reconnect[]

    private boolean lost() {
        boolean wasConnected;
        List<CompletableFuture<Void>> waiting;
        synchronized (writeLock) {
            wasConnected = current != null;
            current = null;
            confirmed.clear();
            waiting = new ArrayList<>(pending.values());
            pending.clear();
        }
        waiting.forEach(future -> future.completeExceptionally(
                new BrokerUnavailableException("lost the connection to Redis", null)));
        if (wasConnected) {
            losses.incrementAndGet();
            listener.onConnection(false);
        }
        return wasConnected;
    }

    /** One subscribed connection's callbacks, on the reader thread. */
    private final class Subscriber extends JedisPubSub {

        private final Set<String> firstBatch;
        private boolean live;

        Subscriber(Set<String> firstBatch) {
            this.firstBatch = new HashSet<>(firstBatch);
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            CompletableFuture<Void> waiting = null;
            boolean becameLive = false;
            synchronized (writeLock) {
                if (closed) {
                    unsubscribe(); // closed while reconnecting: let Jedis's subscribe() return
                    return;
                }
                firstBatch.remove(channel); // first: a channel let go meanwhile still counts as answered
                if (!wanted.contains(channel)) {
                    unsubscribe(channel); // let go while it was being subscribed
                } else {
                    confirmed.add(channel);
                    waiting = pending.remove(channel);
                }
                if (!live && firstBatch.isEmpty()) { // the whole batch answered: the connection is live
                    live = true;
                    becameLive = true;
                    current = this;
                    List<String> missing = new ArrayList<>(wanted); // wanted while the batch was on its way
                    missing.removeAll(confirmed);
                    if (!missing.isEmpty()) {
                        subscribe(missing.toArray(String[]::new));
                    }
                }
            }
            if (waiting != null) {
                waiting.complete(null); // outside writeLock: its callbacks may take other locks
            }
            if (becameLive) {
                backoff.reset();
                publisher.getPool().clear(); // its idle connections died with the old Redis connection
                firstConnection.countDown();
                listener.onConnection(true);
            }
        }

        @Override
        public void onMessage(String channel, String message) {
            try {
                listener.onMessage(channel, message);
            } catch (RuntimeException e) { // the reader must outlive a listener's failure
                LOG.log(System.Logger.Level.WARNING, "the listener failed on {0}: {1}", channel, e.toString());
            }
        }
    }
}
