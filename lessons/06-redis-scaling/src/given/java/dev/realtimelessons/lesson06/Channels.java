package dev.realtimelessons.lesson06;

/**
 * The names of the cluster's pub/sub channels: one per room, one per user, one for broadcasts and one for
 * logouts.
 *
 * @param namespace a prefix for every name, for example {@code ""} or {@code "test-1a2b:"}
 */
public record Channels(String namespace) {

    /** @param room a room's name @return its channel */
    public String room(String room) {
        return namespace + "room:" + room;
    }

    /** @param user a user @return their channel */
    public String user(String user) {
        return namespace + "user:" + user;
    }

    /** @return the channel every server subscribes to */
    public String broadcast() {
        return namespace + "broadcast";
    }

    /** @return the channel of logouts, which every server subscribes to too */
    public String logout() {
        return namespace + "logout";
    }

    /**
     * A channel of a later lesson's own kind (lesson 08: {@code custom("inbox", user)}), routed to that lesson's
     * listener (see {@link ChannelRoutes}).
     *
     * @param kind the kind, letters only, for example {@code "inbox"}
     * @param key  what the channel is for, for example a user
     * @return the channel
     */
    public String custom(String kind, String key) {
        return namespace + kind + ":" + key;
    }

    /**
     * The room a channel is for.
     *
     * @param channel a channel
     * @return the room, or null if it is not a room's channel
     */
    public String roomOf(String channel) {
        return after(channel, namespace + "room:");
    }

    /**
     * The user a channel is for.
     *
     * @param channel a channel
     * @return the user, or null if it is not a user's channel
     */
    public String userOf(String channel) {
        return after(channel, namespace + "user:");
    }

    private static String after(String channel, String prefix) {
        return channel.startsWith(prefix) ? channel.substring(prefix.length()) : null;
    }
}
