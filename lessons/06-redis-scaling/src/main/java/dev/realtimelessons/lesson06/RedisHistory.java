package dev.realtimelessons.lesson06;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import redis.clients.jedis.UnifiedJedis;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.lesson03.RoomMessages;
import dev.realtimelessons.lesson05.history.Replay;
import dev.realtimelessons.lesson05.history.RoomHistory;

/**
 * Lesson 05's {@link RoomHistory} in Redis, shared by every server: per room a counter (the cluster-wide
 * {@code seq}), a stream of the kept messages (its entry ids are {@code seq-0}, capped with {@code MAXLEN ~}) and
 * an epoch. A room's keys expire a while after its last message.
 *
 * <p>The keys of a room share a hash tag, {@code {room:NAME}}, so that a script may use them all on Redis Cluster
 * too. Thread-safe: Jedis's pool gives each call a connection.
 */
public final class RedisHistory implements RoomHistory {

    private static final String APPEND = script("append.lua");
    private static final String READ = script("read.lua");

    private final UnifiedJedis redis;
    private final String namespace;
    private final int size;
    private final Duration ttl;
    private final Map<String, String> epochs = new ConcurrentHashMap<>();

    /**
     * @param redis     a Jedis pool
     * @param namespace a prefix for every key, for example {@code ""} or {@code "test-1a2b:"}
     * @param size      how many messages each room keeps, at least (the stream is trimmed in whole blocks)
     * @param ttl       how long a room's keys live after its last message
     */
    public RedisHistory(UnifiedJedis redis, String namespace, int size, Duration ttl) {
        this.redis = redis;
        this.namespace = namespace;
        this.size = size;
        this.ttl = ttl;
    }

    /**
     * Step 3: numbers a message and keeps it, in one script.
     */
    @Override
    public ObjectNode append(String room, String from, JsonNode data) {
        throw new TodoException("Step 3: run the APPEND script with keys(room) and its arguments, remember the "
                + "epoch, return the message with its seq and ts (see README, step 3)");
    }

    /**
     * Step 3: the last {@code size} messages.
     */
    @Override
    public Replay recent(String room) {
        throw new TodoException("Step 3: read the last size messages (the READ script, mode last) and return them "
                + "oldest first (see README, step 3)");
    }

    /**
     * Step 3: every message after {@code since}, if the stream still keeps them all and the epoch is the room's.
     */
    @Override
    public Replay since(String room, long since, String epoch) {
        throw new TodoException("Step 3: read after since (mode after); complete only if the epoch matches and "
                + "nothing after since was trimmed, else recent(room) (see README, step 3)");
    }

    /**
     * Step 3: the kept messages of a range, for a server that must fill a gap.
     *
     * @param room   the room
     * @param after  the range's start, excluded
     * @param before the range's end, excluded
     * @return the messages still kept, oldest first
     */
    public List<ObjectNode> between(String room, long after, long before) {
        throw new TodoException("Step 3: XRANGE the stream from (after+1)-0 to (before-1)-0 and turn each entry "
                + "into a message (see README, step 3)");
    }

    /**
     * The room's latest {@code seq} and epoch, for a server that was cut off from the broker.
     *
     * @param room the room
     * @return an empty replay with the latest {@code seq} and the epoch
     */
    public Replay latest(String room) {
        throw new TodoException("Step 3: the room's latest seq and epoch, with no messages (the READ script, mode "
                + "last, count 0) (see README, step 3)");
    }

    /**
     * The epoch of a room as this server last saw it.
     *
     * @param room the room
     * @return the epoch, or null if this server has not read or written the room
     */
    public String epochOf(String room) {
        return epochs.get(room);
    }

    private static ObjectNode message(String room, long seq, Map<String, String> fields) {
        return RoomMessages.message(room, fields.get("from"), Json.tree(fields.get("data")), seq)
                .put("ts", Long.parseLong(fields.get("ts")));
    }

    private static Map<String, String> fields(List<?> flat) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return fields;
    }

    private List<String> keys(String room) {
        return List.of(key(room, "seq"), key(room, "log"), key(room, "epoch"));
    }

    private String key(String room, String part) {
        return namespace + "{room:" + room + "}:" + part;
    }

    private static String newEpoch() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String script(String name) {
        try (InputStream in = RedisHistory.class.getResourceAsStream("/lesson06/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Read(String epoch, long latest, List<ObjectNode> messages) {
    }
}
