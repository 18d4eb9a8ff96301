package dev.realtimelessons.lesson06;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import redis.clients.jedis.UnifiedJedis;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.lesson03.RoomMessage;
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
public final class RedisHistory implements SharedHistory {

    private static final String APPEND = script("append.lua");
    private static final String READ = script("read.lua");

    private final UnifiedJedis redis;
    private final Keys keys;
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
        this.keys = new Keys(namespace);
        this.size = size;
        this.ttl = ttl;
    }

    /**
     * Numbers a message and keeps it, with the room's {@code append.lua} (step 1): the number and the stream entry
     * come from one step, whichever server appends.
     */
    @Override
    public RoomMessage append(String room, String from, JsonNode data) {
        long ts = Instant.now().toEpochMilli(); // the time and an epoch are arguments: the script reads no clock
        List<?> result = (List<?>) redis.eval(APPEND, keys(room), List.of(from, Json.write(data),
                Long.toString(ts), Integer.toString(size), newEpoch(), Long.toString(ttl.toMillis())));
        long seq = (Long) result.get(0); // Jedis returns a Lua number as a Long, a Lua table as a List
        epochs.put(room, (String) result.get(1));
        return new RoomMessage(room, from, data, seq, ts, null);
    }

    /**
     * The last {@code size} messages.
     */
    @Override
    public Replay recent(String room) {
        Read read = read(room, "last", size);
        List<RoomMessage> messages = new ArrayList<>(read.messages);
        Collections.reverse(messages); // read newest first
        return new Replay(messages, read.latest, read.epoch, true);
    }

    /**
     * Step 2: every message after {@code since}, for a client that resumes, if nothing it missed is lost.
     *
     * @param room  the room
     * @param since the last {@code seq} the client has
     * @param epoch the epoch the client's numbers belong to
     * @return the messages after {@code since}, oldest first, complete; or, when the epoch is not the room's,
     *         {@code since} is ahead of the room's latest {@code seq}, or the stream no longer keeps
     *         {@code since + 1}, the {@link #recent} messages, not complete (lesson 05's contract)
     */
    @Override
    public Replay since(String room, long since, String epoch) {
        throw new TodoException("Step 2: the messages after since, complete only if the epoch is the room's, since "
                + "is not ahead of the latest seq and the stream still keeps since + 1 (or nothing came after); "
                + "otherwise the recent messages, not complete (see README, step 2)");
    }

    /**
     * Step 2: the kept messages of a range, for a server that must fill a gap.
     *
     * @param room   the room
     * @param after  the range's start, excluded
     * @param before the range's end, excluded
     * @return the messages with {@code after < seq < before} the stream still keeps, oldest first; those trimmed
     *         away are missing
     */
    @Override
    public List<RoomMessage> between(String room, long after, long before) {
        throw new TodoException("Step 2: the messages the room's stream still keeps strictly between after and "
                + "before, oldest first; an empty range reads nothing (see README, step 2)");
    }

    /**
     * The room's latest {@code seq} and epoch, for a server that was cut off from the broker.
     *
     * @param room the room
     * @return an empty replay with the latest {@code seq} and the epoch
     */
    @Override
    public Replay latest(String room) {
        Read read = read(room, "last", 0);
        return new Replay(List.of(), read.latest, read.epoch, true);
    }

    /**
     * The epoch of a room as this server last saw it.
     *
     * @param room the room
     * @return the epoch, or null if this server has not read or written the room
     */
    @Override
    public String epochOf(String room) {
        return epochs.get(room);
    }

    /**
     * Runs {@code read.lua}: the room's epoch, latest {@code seq} and some entries, read together so that they agree.
     *
     * @param room     the room
     * @param mode     {@code "after"}: the entries after the {@code seq} {@code argument}, oldest first;
     *                 {@code "last"}: the last {@code argument} entries, newest first
     * @param argument a {@code seq}, or how many entries (0: none)
     * @return the epoch, the latest {@code seq}, and the entries as messages
     */
    private Read read(String room, String mode, long argument) {
        List<?> result = (List<?>) redis.eval(READ, keys(room), List.of(newEpoch(), Long.toString(ttl.toMillis()),
                mode, Long.toString(argument)));
        String epoch = (String) result.get(0);
        epochs.put(room, epoch);
        List<RoomMessage> messages = new ArrayList<>();
        for (Object entry : (List<?>) result.get(2)) { // [id, [field, value, ...]]
            List<?> idAndFields = (List<?>) entry;
            messages.add(message(room, seqOf((String) idAndFields.get(0)), fields((List<?>) idAndFields.get(1))));
        }
        return new Read(epoch, (Long) result.get(1), messages);
    }

    /** @return the {@code seq} of a stream entry's id, {@code "7-0"} for 7 */
    private static long seqOf(String id) {
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    private static RoomMessage message(String room, long seq, Map<String, String> fields) {
        return new RoomMessage(room, fields.get("from"), Json.tree(fields.get("data")), seq,
                Long.parseLong(fields.get("ts")), null);
    }

    private static Map<String, String> fields(List<?> flat) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return fields;
    }

    private List<String> keys(String room) {
        return keys.history(room);
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

    private record Read(String epoch, long latest, List<RoomMessage> messages) {
    }
}
