package dev.realtimelessons.lesson08;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;

import dev.realtimelessons.lesson06.Channels;

/**
 * The inboxes in Redis: each user's stream of notifications and followed rooms' messages, and everyone's stream of
 * broadcasts. An entry is added by {@code inbox-append.lua} (step 1), which also publishes it on the inbox's
 * channel in the same step, so every server hears of a user's entries in the order of their ids; a stream reads
 * what it missed through {@link InboxReader} (step 2).
 *
 * <p>Thread-safe: every call is one Redis round trip on a pooled connection.
 */
public final class Inbox {

    /** The kind of the inbox channels: {@code <namespace>inbox:<owner>}, see {@link Channels#custom}. */
    public static final String CHANNEL_KIND = "inbox";

    private static final String SCRIPT = "lesson08/inbox-append.lua";

    private final JedisPooled redis;
    private final InboxKeys keys;
    private final Channels channels;
    private final int maxEntries;
    private final Duration ttl;
    private final InboxReader reader;
    private final String script;

    /**
     * @param redis      the server's Redis connections
     * @param keys       the keys
     * @param channels   the channels' names
     * @param maxEntries how many entries an inbox keeps: older ones are dropped, and a cursor before them is a gap
     * @param ttl        how long an inbox lives after its last entry
     */
    public Inbox(JedisPooled redis, InboxKeys keys, Channels channels, int maxEntries, Duration ttl) {
        this.redis = redis;
        this.keys = keys;
        this.channels = channels;
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.reader = new InboxReader(redis, keys);
        this.script = load(SCRIPT);
    }

    /**
     * Adds an entry to an inbox and publishes it, in one step.
     *
     * @param owner  a user, or {@link InboxKeys#EVERYONE}
     * @param event  the SSE event name
     * @param data   the data, one JSON object
     * @param except a user it is not for, or null
     * @return the entry's id
     */
    // tag::append[]
    public String append(String owner, String event, String data, String except) {
        Object id = redis.eval(script, List.of(keys.stream(owner), keys.meta(owner)),
                List.of(event, data, except == null ? "" : except, Integer.toString(maxEntries),
                        Long.toString(ttl.toMillis()), channel(owner)));
        return (String) id;
    }
    // end::append[]

    /**
     * Adds the same entry to many inboxes in one round trip (a room's followers).
     *
     * @param owners the users
     * @param event  the SSE event name
     * @param data   the data, one JSON object
     * @return how many inboxes got it
     */
    public int appendToEach(Collection<String> owners, String event, String data) {
        if (owners.isEmpty()) {
            return 0;
        }
        List<Response<Object>> ids = new ArrayList<>(owners.size());
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (String owner : owners) {
                ids.add(pipeline.eval(script, List.of(keys.stream(owner), keys.meta(owner)),
                        List.of(event, data, "", Integer.toString(maxEntries), Long.toString(ttl.toMillis()),
                                channel(owner))));
            }
            pipeline.sync();
        }
        ids.forEach(Response::get); // throws the first failure
        return ids.size();
    }

    /**
     * What an inbox holds after a cursor (step 2).
     *
     * @param owner  a user, or {@link InboxKeys#EVERYONE}
     * @param source the cursor's part for that inbox
     * @param after  the last id the client has, or {@link StreamIds#ZERO}
     * @return the entries after it, and whether some may be gone
     */
    public Replay after(String owner, InboxEntry.Source source, String after) {
        return reader.read(owner, source, after);
    }

    /**
     * The newest id of an inbox: where a stream with no {@code Last-Event-ID} starts.
     *
     * @param owner a user, or {@link InboxKeys#EVERYONE}
     * @return its newest id, {@link StreamIds#ZERO} if it has none
     */
    public String latest(String owner) {
        String last = redis.hget(keys.meta(owner), "last");
        return last == null ? StreamIds.ZERO : last;
    }

    /**
     * @param owner a user, or {@link InboxKeys#EVERYONE}
     * @return the channel its entries are published on
     */
    public String channel(String owner) {
        return channels.custom(CHANNEL_KIND, owner);
    }

    private static String load(String resource) {
        try (InputStream in = Inbox.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
