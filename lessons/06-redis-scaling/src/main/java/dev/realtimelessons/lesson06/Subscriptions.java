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
     * Step 4: a holder needs a channel. Holding a channel twice is holding it once.
     *
     * @param channel the channel
     * @param holder  who needs it, for example a connection's id
     * @return completes once the broker confirmed the subscription, at once if it had already
     */
    public synchronized CompletableFuture<Void> hold(String channel, String holder) {
        throw new TodoException("Step 4: record that the holder needs the channel, and return the broker's "
                + "confirmation of the subscription, also to a second holder while it is on its way (see README, "
                + "step 4)");
    }

    /**
     * Step 4: a holder no longer needs a channel; the last one to let go unsubscribes.
     *
     * @param channel the channel
     * @param holder  who held it
     */
    public synchronized void release(String channel, String holder) {
        throw new TodoException("Step 4: forget that the holder needs the channel; unsubscribe when it was the "
                + "channel's last holder; a channel the holder does not hold changes nothing (see README, step 4)");
    }

    /**
     * Step 4: a holder is gone (a connection closed): it lets go of everything it held, in one
     * {@code UNSUBSCRIBE} for the channels nobody else holds.
     *
     * @param holder who is gone
     */
    public synchronized void releaseAll(String holder) {
        throw new TodoException("Step 4: let go of every channel of the holder, with one unsubscribe for those "
                + "nobody else holds (see README, step 4)");
    }

    /**
     * The channels held, each with how many holders.
     *
     * @return a snapshot
     */
    public synchronized Map<String, Integer> held() {
        Map<String, Integer> held = new HashMap<>();
        holdersOfChannel.forEach((channel, holders) -> held.put(channel, holders.size()));
        return held;
    }
}
