package dev.realtimelessons.lesson06;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.lesson03.RoomMessage;
import dev.realtimelessons.lesson03.RoomRequest;
import dev.realtimelessons.lesson05.history.Replay;
import dev.realtimelessons.lesson05.history.RoomHistory;

/**
 * The history a server of the cluster uses: a {@link SharedHistory} ({@link RedisHistory} in this lesson), except that while Redis cannot be reached a
 * published message is not refused. It goes to this server's members only, with {@code "seq": null}: it has no
 * number because only Redis gives numbers, it is kept nowhere, and the other servers never see it. That is
 * at-most-once delivery, made visible instead of silent.
 */
public final class ClusterHistory implements RoomHistory {

    private static final System.Logger LOG = System.getLogger(ClusterHistory.class.getName());

    private final SharedHistory shared;
    private final Map<String, Replay> prefetched = new ConcurrentHashMap<>(); // by room; taken by the next join

    /**
     * @param shared the history every server shares
     */
    public ClusterHistory(SharedHistory shared) {
        this.shared = shared;
    }

    // tag::append[]
    @Override
    public RoomMessage append(String room, String from, JsonNode data) {
        try {
            return shared.append(room, from, data); // refused: at once; a silent Redis: a timeout (0.5 s, 2 s)
        } catch (JedisDataException e) {
            // Redis answered, with an error: a broken append script, or a Redis still loading its data. Said
            // apart from an outage, so that an unfinished step 1 does not pass for a network problem.
            LOG.log(System.Logger.Level.ERROR, "Redis refused the append of a message to room {0}: {1}", room,
                    e.getMessage());
        } catch (JedisException e) {
            LOG.log(System.Logger.Level.WARNING, "Redis unreachable for a message of room {0}: {1}", room,
                    e.toString());
        }
        // numbered by nobody ("seq": null): this server's members only
        return new RoomMessage(room, from, data, null, Instant.now().toEpochMilli(), null);
    }
    // end::append[]

    /**
     * Reads what a {@code join} will replay, before the room is locked, so that a Redis failure refuses the join
     * cleanly instead of breaking it half-way; the join's {@link #recent} or {@link #since} then takes it. Call on
     * the room's worker, right before the join's handler runs there.
     *
     * @param room the room
     * @param join the request, with {@code since} and {@code epoch} if it resumes
     * @throws JedisException             if Redis cannot be read
     * @throws HistoryUnavailableException if another shared history cannot be read
     */
    // tag::prefetch[]
    public void prefetch(String room, RoomRequest.Join join) {
        prefetched.put(room, join.resumes() ? shared.since(room, join.since(), join.epoch()) // as ResumableLog does
                : shared.recent(room));
    }
    // end::prefetch[]

    @Override
    public Replay recent(String room) {
        Replay ready = prefetched.remove(room);
        return ready != null ? ready : shared.recent(room);
    }

    @Override
    public Replay since(String room, long since, String epoch) {
        Replay ready = prefetched.remove(room);
        return ready != null ? ready : shared.since(room, since, epoch);
    }

    /** @return the history every server shares */
    public SharedHistory shared() {
        return shared;
    }
}
