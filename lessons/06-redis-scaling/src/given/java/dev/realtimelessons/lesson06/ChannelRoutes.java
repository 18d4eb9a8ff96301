package dev.realtimelessons.lesson06;

import java.util.function.BiConsumer;

/**
 * Where a later lesson's own channels go (see {@link Channels#custom}): lesson 08's inbox channels reach its
 * streams. A message on such a channel runs on the worker of its key, like a room's or a user's, so the messages of
 * one key are handled one at a time, in the order Redis delivered them.
 */
public interface ChannelRoutes {

    /**
     * Routes the channels of a kind. Call once per kind, before the server starts.
     *
     * @param kind     the kind, as given to {@link Channels#custom}
     * @param listener gets the channel's key and the payload, on the key's worker
     * @throws IllegalStateException if the kind is routed already
     */
    void route(String kind, BiConsumer<String, String> listener);
}
