package dev.realtimelessons.lesson06;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson06.broker.Broker;

/**
 * The channels this server needs, and who needs them: a room's channel while a local connection is in the room, a
 * user's channel while the user has a local connection. The first holder of a channel subscribes to it, the last
 * one to let go unsubscribes, so the server receives only what its own clients need.
 *
 * <p>Thread-safe.
 */
public final class Subscriptions {

    private final Broker broker;
    private final Map<String, Set<String>> holdersOfChannel = new HashMap<>();
    private final Map<String, Set<String>> channelsOfHolder = new HashMap<>();

    /**
     * @param broker where to subscribe
     */
    public Subscriptions(Broker broker) {
        this.broker = broker;
    }

    /**
     * Step 2: a holder needs a channel. Holding a channel twice is holding it once.
     *
     * @param channel the channel
     * @param holder  who needs it, for example a connection's id
     * @return completes once the broker confirmed the subscription, at once if it had already
     */
    public synchronized CompletableFuture<Void> hold(String channel, String holder) {
        throw new TodoException("Step 2: record the holder; subscribe through the broker and return its "
                + "confirmation (see README, step 2)");
    }

    /**
     * Step 2: a holder no longer needs a channel; the last one to let go unsubscribes.
     *
     * @param channel the channel
     * @param holder  who held it
     */
    public synchronized void release(String channel, String holder) {
        throw new TodoException("Step 2: forget the holder; unsubscribe when it was the channel's last (see "
                + "README, step 2)");
    }

    /**
     * Step 2: a holder is gone (a connection closed): it lets go of everything it held, in one
     * {@code UNSUBSCRIBE} for the channels nobody else holds.
     *
     * @param holder who is gone
     */
    public synchronized void releaseAll(String holder) {
        throw new TodoException("Step 2: release every channel of the holder, with one unsubscribe for those "
                + "nobody else holds (see README, step 2)");
    }

    /**
     * Step 2: the channels held, each with how many holders.
     *
     * @return a snapshot
     */
    public synchronized Map<String, Integer> held() {
        throw new TodoException("Step 2: count the holders of each channel (see README, step 2)");
    }
}
