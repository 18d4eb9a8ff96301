package dev.realtimelessons.lesson06.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.kit.concurrent.DaemonThreads;

/**
 * {@link Broker#publishLater} on Redis: payloads wait in the order they were given, and one thread sends all that
 * wait in one pipelined round trip, then the next batch. The caller (a room's worker) never waits for a
 * {@code PUBLISH}; under load many share one round trip; and, like the outbox of lesson 02, a thread is woken only
 * when none is already sending.
 *
 * <p>Bounded: with {@link #MOST_WAITING} payloads waiting (Redis is slow or away), the next is dropped. Pub/sub is at
 * most once anyway: a server that misses a room's message finds it in the room's stream.
 */
final class PublishPipeline implements AutoCloseable {

    /** How many payloads may wait before the next is dropped. */
    static final int MOST_WAITING = 10_000;

    private static final System.Logger LOG = System.getLogger(PublishPipeline.class.getName());

    private record Publication(String channel, String payload) {
    }

    private final UnifiedJedis redis;
    private final ExecutorService sender;
    /** Guarded by {@code this}, with {@link #sending}. */
    private final Queue<Publication> waiting = new ArrayDeque<>();
    private boolean sending;

    /**
     * @param redis the pool to publish through
     * @param name  the sending thread's name
     */
    PublishPipeline(UnifiedJedis redis, String name) {
        this.redis = redis;
        ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.named(name), new ThreadPoolExecutor.DiscardPolicy()); // closed: nowhere to send
        thread.allowCoreThreadTimeOut(true); // a quiet server keeps no thread
        this.sender = thread;
    }

    /**
     * Queues a payload; never blocks.
     *
     * @param channel the channel
     * @param payload the payload
     */
    void publish(String channel, String payload) {
        synchronized (this) {
            if (waiting.size() >= MOST_WAITING) {
                LOG.log(System.Logger.Level.WARNING, "{0} payloads wait for Redis: one for {1} dropped", MOST_WAITING,
                        channel);
                return;
            }
            waiting.add(new Publication(channel, payload));
            if (sending) {
                return; // the thread sending takes it with its next batch
            }
            sending = true;
        }
        sender.execute(this::sendWaiting);
    }

    private void sendWaiting() {
        while (true) {
            List<Publication> batch;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    sending = false;
                    return;
                }
                batch = new ArrayList<>(waiting);
                waiting.clear();
            }
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (Publication publication : batch) {
                    pipeline.publish(publication.channel(), publication.payload());
                }
                pipeline.sync(); // one round trip for the batch
            } catch (JedisException e) {
                LOG.log(System.Logger.Level.WARNING, "not published to the other servers ({0} payloads): {1}",
                        batch.size(), e.toString());
            }
        }
    }

    /** Sends what waits, for up to a second, then stops the thread. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
