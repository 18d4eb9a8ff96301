package dev.realtimelessons.lesson06.broker;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Publish/subscribe between the servers of a cluster: what Socket.IO's adapter and Centrifugo's broker are. A
 * payload published on a channel reaches every server subscribed to it at that moment, at most once: a server
 * that is not connected when it is published never gets it. What must not be lost is kept elsewhere (lesson 06:
 * Redis Streams).
 *
 * <p>Implementations are thread-safe. Messages reach the {@link Listener} on the broker's own thread, in the order
 * the broker received them.
 */
public interface Broker extends AutoCloseable {

    /** Receives what the broker delivers. Runs on the broker's thread: it must hand work off, never block. */
    interface Listener {
        /**
         * A payload arrived on a channel this server subscribes to.
         *
         * @param channel the channel
         * @param payload the payload, as published
         */
        void onMessage(String channel, String payload);

        /**
         * The connection to the broker was lost ({@code false}) or is back ({@code true}) with every channel
         * subscribed again. Payloads published in between were not received.
         *
         * @param connected whether the broker can be reached now
         */
        default void onConnection(boolean connected) {
        }
    }

    /**
     * Publishes a payload.
     *
     * @param channel the channel
     * @param payload the payload
     * @return how many servers were subscribed to the channel and got it (this one included, if subscribed)
     * @throws BrokerUnavailableException if the broker cannot be reached: nobody got it
     */
    long publish(String channel, String payload);

    /**
     * Publishes a payload without waiting for the broker: after every payload given to this method before it, so
     * that a room's messages leave in their order. A failure is logged, not thrown: nobody got the payload, as when
     * {@link #publish} fails. The default publishes at once, on the caller's thread.
     *
     * @param channel the channel
     * @param payload the payload
     */
    default void publishLater(String channel, String payload) {
        try {
            publish(channel, payload);
        } catch (BrokerUnavailableException e) {
            System.getLogger(Broker.class.getName()).log(System.Logger.Level.WARNING,
                    "not published to the other servers: {0}", e.getMessage());
        }
    }

    /**
     * Subscribes to channels, all in one request.
     *
     * @param channels the channels; those already subscribed are left as they are
     * @return completes when the broker confirmed every one, so that whatever is published after that is
     *         received; fails with {@link BrokerUnavailableException} if the broker cannot be reached
     */
    CompletableFuture<Void> subscribe(Collection<String> channels);

    /**
     * Unsubscribes from channels, all in one request. Nothing more arrives from them once the broker confirms.
     *
     * @param channels the channels
     */
    void unsubscribe(Collection<String> channels);

    /**
     * The channels this server wants, confirmed or not.
     *
     * @return a snapshot
     */
    Set<String> subscriptions();

    /** @return whether the broker can be reached, as far as this server knows */
    boolean connected();

    /** Stops receiving and lets go of the connections. */
    @Override
    void close();
}
