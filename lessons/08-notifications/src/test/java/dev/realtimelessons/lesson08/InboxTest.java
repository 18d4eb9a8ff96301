package dev.realtimelessons.lesson08;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.steps.Step1;
import dev.realtimelessons.kit.testing.steps.Step2;
import dev.realtimelessons.lesson06.Channels;

@Tag("redis")
@DisplayName("An inbox in Redis Streams")
class InboxTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private static final Duration TTL = Duration.ofHours(1);
    private static final InboxEntry.Source USER = InboxEntry.Source.USER;

    private JedisPooled pool;
    private InboxKeys keys;

    @BeforeEach
    void connect() {
        pool = new JedisPooled(redis.redis().hostAndPort());
        keys = new InboxKeys(redis.namespace());
    }

    @AfterEach
    void disconnect() {
        pool.close();
    }

    private Inbox inbox(int size) {
        return new Inbox(pool, keys, new Channels(redis.namespace()), size, TTL);
    }

    @Test
    @Step1
    @DisplayName("keeps each entry with its event, data and except, under a new id, and records first and last")
    void appends() {
        Inbox inbox = inbox(10);

        String first = inbox.append("ada", "notification", "{\"n\":1}", null);
        String second = inbox.append("ada", "notification", "{\"n\":2}", "bob");

        assertThat(StreamIds.compare(second, first)).as("ids grow").isPositive();
        var entries = pool.xrange(keys.stream("ada"), "-", "+");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).getFields()).containsEntry("event", "notification").containsEntry("data", "{\"n\":1}")
                .containsEntry("except", "");
        assertThat(entries.get(1).getFields()).containsEntry("except", "bob");
        assertThat(pool.hgetAll(keys.meta("ada"))).containsEntry("created", first).containsEntry("last", second)
                .doesNotContainKey("trimmed");
        assertThat(pool.pttl(keys.stream("ada"))).as("the stream expires").isBetween(1L, TTL.toMillis());
        assertThat(pool.pttl(keys.meta("ada"))).as("its facts expire with it").isBetween(1L, TTL.toMillis());
    }

    @Test
    @Step1
    @DisplayName("keeps the newest entries only, and remembers the newest one it dropped")
    void trims() {
        Inbox inbox = inbox(3);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(inbox.append("ada", "notification", "{\"n\":" + i + "}", null));
        }

        assertThat(pool.xrange(keys.stream("ada"), "-", "+")).extracting(entry -> entry.getID().toString())
                .containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(pool.hgetAll(keys.meta("ada"))).containsEntry("trimmed", ids.get(1))
                .containsEntry("created", ids.get(0)).containsEntry("last", ids.get(4));
    }

    @Test
    @Step1
    @DisplayName("publishes every entry in the same step, so entries added at once reach the servers in id order")
    void publishesInIdOrder() throws Exception {
        Inbox inbox = inbox(1_000);
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch subscribed = new CountDownLatch(1);
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String message) {
                heard.add(message);
            }
        };
        Thread subscriber = new Thread(() -> {
            try (Jedis jedis = new Jedis(redis.redis().hostAndPort())) {
                jedis.subscribe(listener, inbox.channel("ada"));
            }
        });
        subscriber.start();
        assertThat(subscribed.await(5, TimeUnit.SECONDS)).as("subscribed to ada's inbox channel").isTrue();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> added = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String data = "{\"n\":" + i + "}";
                added.add(threads.submit(() -> inbox.append("ada", "notification", data, null)));
            }
            for (Future<String> id : added) {
                id.get(10, TimeUnit.SECONDS);
            }
            await("200 entries published on ada's channel").atMost(Duration.ofSeconds(10))
                    .until(() -> heard.size() == 200);
        } finally {
            threads.shutdownNow();
            listener.unsubscribe();
            subscriber.join(5_000);
        }

        List<InboxEntry> entries = heard.stream().map(payload -> Published.decode(USER, payload)).toList();
        assertThat(entries).extracting(InboxEntry::id).as("published in the order of their ids")
                .isSortedAccordingTo(StreamIds::compare).doesNotHaveDuplicates();
        assertThat(entries.get(0).event()).isEqualTo("notification");
        assertThat(entries).extracting(InboxEntry::data).allMatch(data -> data.startsWith("{\"n\":"));
    }

    /** Redis's clock, which gives the stream ids: TIME answers seconds and microseconds. */
    private long redisMillis() {
        List<?> time = (List<?>) pool.sendCommand(Protocol.Command.TIME);
        return Long.parseLong(SafeEncoder.encode((byte[]) time.get(0))) * 1_000
                + Long.parseLong(SafeEncoder.encode((byte[]) time.get(1))) / 1_000;
    }

    @Test
    @Step2
    @DisplayName("replays the entries after a cursor, with their fields, and nothing for a cursor at the end")
    void replaysAfterACursor() {
        Inbox inbox = inbox(10);
        String a = inbox.append("ada", "notification", "{\"n\":1}", null);
        String b = inbox.append("ada", "message", "{\"n\":2}", null);
        String c = inbox.append("ada", "notification", "{\"n\":3}", "bob");

        Replay afterA = inbox.after("ada", USER, a);
        Replay fromZero = inbox.after("ada", USER, StreamIds.ZERO);
        Replay atEnd = inbox.after("ada", USER, c);

        assertThat(afterA.gap()).isFalse();
        assertThat(afterA.entries()).containsExactly(new InboxEntry(USER, b, "message", "{\"n\":2}", null),
                new InboxEntry(USER, c, "notification", "{\"n\":3}", "bob"));
        assertThat(fromZero.entries()).extracting(InboxEntry::id).containsExactly(a, b, c);
        assertThat(fromZero.gap()).as("nothing was dropped").isFalse();
        assertThat(atEnd).isEqualTo(new Replay(List.of(), false));
        assertThat(inbox.after("nobody", USER, StreamIds.ZERO)).as("an empty inbox, from nothing")
                .isEqualTo(new Replay(List.of(), false));
    }

    @Test
    @Step2
    @DisplayName("says gap for a cursor before what was dropped, and not for the newest dropped one")
    void gapAfterTrimming() {
        Inbox inbox = inbox(2);
        String first = inbox.append("ada", "notification", "{}", null);
        String second = inbox.append("ada", "notification", "{}", null);
        String third = inbox.append("ada", "notification", "{}", null);
        String fourth = inbox.append("ada", "notification", "{}", null);

        assertThat(inbox.after("ada", USER, first).gap()).as("second was dropped: the client never saw it").isTrue();
        assertThat(inbox.after("ada", USER, StreamIds.ZERO).gap()).as("from nothing, after drops").isTrue();
        Replay fromSecond = inbox.after("ada", USER, second);
        assertThat(fromSecond.gap()).as("the client saw the newest dropped one").isFalse();
        assertThat(fromSecond.entries()).extracting(InboxEntry::id).containsExactly(third, fourth);
    }

    @Test
    @Step2
    @DisplayName("says gap when the inbox is gone, was made anew, or never gave the cursor")
    void gapWhenTheInboxCannotTell() {
        Inbox inbox = inbox(10);
        String old = inbox.append("ada", "notification", "{}", null);
        pool.del(keys.stream("ada"), keys.meta("ada")); // expired, or lost with Redis's data

        assertThat(inbox.after("ada", USER, old).gap()).as("no inbox any more").isTrue();
        long oldMillis = Long.parseLong(old.substring(0, old.indexOf('-')));
        // A new stream's first id in the same millisecond would be the old one again: a test runs that fast
        await("Redis's clock past the old id").atMost(Duration.ofSeconds(1))
                .until(() -> redisMillis() > oldMillis);
        String fresh = inbox.append("ada", "notification", "{}", null);
        assertThat(inbox.after("ada", USER, old).gap()).as("an inbox made after the cursor").isTrue();
        String future = (Long.parseLong(fresh.substring(0, fresh.indexOf('-'))) + 60_000) + "-0";
        assertThat(inbox.after("ada", USER, future).gap()).as("a cursor newer than the newest entry").isTrue();
        assertThat(inbox.after("ada", USER, fresh).gap()).isFalse();
    }
}
