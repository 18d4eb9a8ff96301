package dev.realtimelessons.lesson06;

import java.util.List;

/**
 * The names of the cluster's Redis keys, as {@link Channels} names its channels: per room a counter, a stream and
 * an epoch (the history) and a sorted set (presence); per server a hash of its users (the stats) and one sorted set
 * of the live servers.
 *
 * <p>A room's keys share the hash tag {@code {room:NAME}}, so that on Redis Cluster they fall in one slot, as the
 * keys of one script must.
 *
 * @param namespace a prefix for every key, for example {@code ""} or {@code "test-1a2b:"}
 */
public record Keys(String namespace) {

    /** @param room a room's name @return the counter of its {@code seq}, a string */
    public String seq(String room) {
        return room(room, "seq");
    }

    /** @param room a room's name @return the stream of its kept messages, entry ids {@code seq-0} */
    public String log(String room) {
        return room(room, "log");
    }

    /** @param room a room's name @return its epoch, a string */
    public String epoch(String room) {
        return room(room, "epoch");
    }

    /**
     * The keys of a room's history in the order {@code append.lua} and {@code read.lua} read them.
     *
     * @param room a room's name
     * @return {@code KEYS[1]} the {@link #seq}, {@code KEYS[2]} the {@link #log}, {@code KEYS[3]} the {@link #epoch}
     */
    public List<String> history(String room) {
        return List.of(seq(room), log(room), epoch(room));
    }

    /** @param room a room's name @return its sorted set of {@code node|user} entries, scored with their expiry */
    public String presence(String room) {
        return room(room, "presence");
    }

    /** @return the sorted set of live servers, scored with their expiry */
    public String nodes() {
        return namespace + "cluster:nodes";
    }

    /** @param node a server's id @return the hash of its users and how many connections each has */
    public String node(String node) {
        return namespace + "cluster:node:" + node;
    }

    private String room(String room, String part) {
        return namespace + "{room:" + room + "}:" + part;
    }
}
