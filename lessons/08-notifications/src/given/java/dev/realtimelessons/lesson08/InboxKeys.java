package dev.realtimelessons.lesson08;

/**
 * The Redis keys of the inboxes, under a namespace. A user's inbox is a stream and a hash of facts about it;
 * everyone's inbox (broadcasts) is the inbox of {@link #EVERYONE}, a name no user can have. The two keys of an
 * inbox share a hash tag, {@code {inbox:NAME}}, so that the append script may use both on Redis Cluster.
 *
 * @param namespace a prefix for every key, for example {@code ""} or {@code "test-1a2b:"}
 */
public record InboxKeys(String namespace) {

    /** The owner of everyone's inbox: {@code *} is not allowed in a user's name. */
    public static final String EVERYONE = "*";

    /** @param owner a user, or {@link #EVERYONE} @return the stream of their entries */
    public String stream(String owner) {
        return namespace + "{inbox:" + owner + "}";
    }

    /**
     * The hash of facts about an inbox: {@code created} (the first id it ever had), {@code last} (its newest id) and
     * {@code trimmed} (the newest id it has dropped, if any).
     *
     * @param owner a user, or {@link #EVERYONE}
     * @return its key
     */
    public String meta(String owner) {
        return namespace + "{inbox:" + owner + "}:meta";
    }

    /** @param room a room @return the set of the users who follow it */
    public String followers(String room) {
        return namespace + "followers:" + room;
    }
}
