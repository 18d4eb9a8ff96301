package dev.realtimelessons.lesson08;

import java.util.List;
import java.util.Map;

import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads what an inbox holds after a cursor, and says when that cannot be all there was.
 *
 * <p>Thread-safe: one Redis transaction per read.
 */
public final class InboxReader {

    private final JedisPooled redis;
    private final InboxKeys keys;

    /**
     * @param redis the server's Redis connections
     * @param keys  the keys
     */
    public InboxReader(JedisPooled redis, InboxKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Step 2: the entries after {@code after}, and whether entries after it may be gone. Read the inbox's facts
     * and its entries in one transaction ({@code MULTI}), so that no add or trim falls between the two reads.
     * Entries after the cursor may be gone when:
     * <ul>
     *   <li>the cursor is {@link StreamIds#ZERO} (the client saw nothing) and the inbox has dropped entries;</li>
     *   <li>otherwise, when the inbox has no facts (it expired, or Redis lost it), when the cursor is older than its
     *       first entry ever ({@code created}: the inbox was made anew since), older than the newest dropped entry
     *       ({@code trimmed}), or newer than its newest entry ({@code last}: an id this inbox never gave).</li>
     * </ul>
     *
     * @param owner  a user, or {@link InboxKeys#EVERYONE}
     * @param source the source the entries are marked with
     * @param after  the last id the client has, or {@link StreamIds#ZERO}
     * @return the entries with ids above {@code after}, oldest first, and the gap; entries are empty when there is a gap
     */
    // tag::read[]
    public Replay read(String owner, InboxEntry.Source source, String after) {
        Response<Map<String, String>> facts;
        Response<List<StreamEntry>> entries;
        try (AbstractTransaction transaction = redis.multi()) {
            facts = transaction.hgetAll(keys.meta(owner));
            entries = transaction.xrange(keys.stream(owner), "(" + after, "+");
            transaction.exec();
        }
        if (gap(facts.get(), after)) {
            return new Replay(List.of(), true);
        }
        return new Replay(entries.get().stream().map(entry -> new InboxEntry(source, entry.getID().toString(),
                entry.getFields().get("event"), entry.getFields().get("data"),
                blankToNull(entry.getFields().get("except")))).toList(), false);
    }

    private static boolean gap(Map<String, String> facts, String after) {
        String trimmed = facts.get("trimmed");
        if (after.equals(StreamIds.ZERO)) {
            return trimmed != null;
        }
        return facts.isEmpty()
                || StreamIds.compare(after, facts.get("created")) < 0
                || trimmed != null && StreamIds.compare(after, trimmed) < 0
                || StreamIds.compare(after, facts.get("last")) > 0;
    }
    // end::read[]

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
