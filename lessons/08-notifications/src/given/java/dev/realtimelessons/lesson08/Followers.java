package dev.realtimelessons.lesson08;

import java.util.Set;
import java.util.TreeSet;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.lesson03.RoomMessage;

/**
 * Who follows a room: a user who joined it, until they leave it (a closed connection does not unfollow). Every
 * numbered message of a room is copied into its followers' inboxes but its author's, as an SSE {@code message}
 * event: a user with no WebSocket open, a tab with only an {@code EventSource}, still learns of it, and a tab that
 * comes back resumes it with the rest. This is fan-out on write: a message costs one script per follower, in one
 * round trip, on the room's worker.
 */
public final class Followers {

    private static final System.Logger LOG = System.getLogger(Followers.class.getName());

    private final JedisPooled redis;
    private final InboxKeys keys;
    private final Inbox inbox;

    /**
     * @param redis the server's Redis connections
     * @param keys  the keys
     * @param inbox the inboxes
     */
    public Followers(JedisPooled redis, InboxKeys keys, Inbox inbox) {
        this.redis = redis;
        this.keys = keys;
        this.inbox = inbox;
    }

    /** @param user a user who joined @param room the room */
    public void follow(String user, String room) {
        try {
            redis.sadd(keys.followers(room), user);
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Redis unreachable: {0} does not follow room {1}", user, room);
        }
    }

    /** @param user a user who left @param room the room */
    public void unfollow(String user, String room) {
        try {
            redis.srem(keys.followers(room), user);
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Redis unreachable: {0} still follows room {1}", user, room);
        }
    }

    /**
     * @param room a room
     * @return its followers, sorted
     */
    public Set<String> of(String room) {
        return new TreeSet<>(redis.smembers(keys.followers(room)));
    }

    /**
     * A room's message was numbered and stored: into its followers' inboxes (on the room's worker).
     *
     * @param room    the room
     * @param message the message
     */
    public void copy(String room, RoomMessage message) {
        try {
            Set<String> followers = of(room);
            followers.remove(message.from());
            inbox.appendToEach(followers, "message", Json.write(message));
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Redis unreachable: a message of room {0} reached no inbox", room);
        }
    }
}
