package dev.realtimelessons.lesson06;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.resps.StreamEntry;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.steps.Step1;
import dev.realtimelessons.lesson03.RoomMessage;

/**
 * {@code append.lua}, through {@link RedisHistory#append}, which is given. The test reads Redis itself, so that it
 * checks the script alone.
 */
@Step1
@Tag("redis")
@DisplayName("Step 1: numbering and keeping a message in one step")
class AppendScriptTest {

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    private static final Duration TTL = Duration.ofMinutes(5);

    private JedisPooled pool;
    private Jedis jedis;

    @BeforeEach
    void connect() {
        pool = new JedisPooled(REDIS.redis().uri());
        jedis = REDIS.redis().connect();
    }

    @AfterEach
    void close() {
        jedis.close();
        pool.close();
    }

    @Test
    @DisplayName("numbers each room's messages 1, 2, 3 and keeps them in a stream whose ids are the seqs")
    void numbersAndKeeps() {
        RedisHistory history = server(5);

        RoomMessage first = history.append("lobby", "ada", TextNode.valueOf("hi"));
        history.append("lobby", "bob", TextNode.valueOf("hello"));
        RoomMessage elsewhere = history.append("other", "ada", TextNode.valueOf("elsewhere"));
        RoomMessage third = history.append("lobby", "ada", TextNode.valueOf("bye"));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(elsewhere.seq()).as("another room, its own numbers").isEqualTo(1);
        assertThat(third.seq()).isEqualTo(3);
        assertThat(jedis.get(key("lobby", "seq"))).as("the counter").isEqualTo("3");
        List<StreamEntry> log = jedis.xrange(key("lobby", "log"), "-", "+");
        assertThat(log).extracting(entry -> entry.getID().toString()).containsExactly("1-0", "2-0", "3-0");
        assertThat(log.get(0).getFields()).containsEntry("from", "ada").containsEntry("data", "\"hi\"")
                .containsEntry("ts", Long.toString(first.ts()));
        assertThat(log.get(1).getFields()).containsEntry("from", "bob").containsEntry("data", "\"hello\"");
    }

    @Test
    @DisplayName("gives the messages of two servers appending at once distinct seqs with no gap, all in the stream")
    void numbersAcrossServers() throws Exception {
        RedisHistory one = server(1000);
        RedisHistory two = server(1000);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            Future<List<Long>> ones = servers.submit(() -> appendMany(one, "ada", start));
            Future<List<Long>> twos = servers.submit(() -> appendMany(two, "bob", start));
            start.countDown();
            List<Long> seqs = new ArrayList<>(ones.get(30, TimeUnit.SECONDS));
            seqs.addAll(twos.get(30, TimeUnit.SECONDS));

            assertThat(seqs).as("the seqs both servers were given")
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
            assertThat(jedis.xrange(key("busy", "log"), "-", "+")).as("the stream")
                    .extracting(entry -> entry.getID().getTime())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        } finally {
            servers.shutdownNow();
        }
    }

    @Test
    @DisplayName("keeps one epoch per room for every server, and returns it")
    void keepsOneEpoch() {
        RedisHistory one = server(5);
        RedisHistory two = server(5);

        one.append("lobby", "ada", TextNode.valueOf("m1"));
        two.append("lobby", "bob", TextNode.valueOf("m2"));

        String epoch = jedis.get(key("lobby", "epoch"));
        assertThat(epoch).as("the room's epoch").isNotBlank();
        assertThat(one.epochOf("lobby")).isEqualTo(epoch);
        assertThat(two.epochOf("lobby")).as("the second server's").isEqualTo(epoch);
    }

    @Test
    @DisplayName("keeps about as many messages as asked, trimming the oldest")
    void staysBounded() {
        RedisHistory history = server(5);

        for (int i = 1; i <= 600; i++) {
            history.append("lobby", "ada", TextNode.valueOf("m" + i));
        }

        assertThat(jedis.xlen(key("lobby", "log"))).as("MAXLEN ~ trims in whole blocks").isBetween(5L, 599L);
        assertThat(jedis.xrevrange(key("lobby", "log"), "+", "-", 1).get(0).getID().toString()).isEqualTo("600-0");
    }

    @Test
    @DisplayName("lets the room's three keys expire a TTL after its last message")
    void expires() {
        server(5).append("lobby", "ada", TextNode.valueOf("hi"));

        for (String part : List.of("seq", "log", "epoch")) {
            assertThat(jedis.pttl(key("lobby", part))).as("the TTL of :" + part).isPositive()
                    .isLessThanOrEqualTo(TTL.toMillis());
        }
    }

    @Test
    @DisplayName("starts again from 1 in a new epoch when the room's keys are gone")
    void newEpochAfterLoss() {
        RedisHistory history = server(5);
        history.append("lobby", "ada", TextNode.valueOf("m1"));
        String before = history.epochOf("lobby");
        jedis.del(key("lobby", "seq"), key("lobby", "log"), key("lobby", "epoch"));

        RoomMessage again = history.append("lobby", "ada", TextNode.valueOf("again"));

        assertThat(again.seq()).isEqualTo(1);
        assertThat(history.epochOf("lobby")).isNotEqualTo(before);
    }

    @Test
    @DisplayName("starts again from 1 in a new epoch, with a new stream, when only the counter is gone")
    void newEpochAfterLosingTheCounter() {
        RedisHistory history = server(5);
        history.append("lobby", "ada", TextNode.valueOf("m1"));
        history.append("lobby", "ada", TextNode.valueOf("m2"));
        String before = history.epochOf("lobby");
        jedis.del(key("lobby", "seq"));

        RoomMessage again = history.append("lobby", "ada", TextNode.valueOf("again"));

        assertThat(again.seq()).isEqualTo(1);
        assertThat(history.epochOf("lobby")).isNotEqualTo(before);
        assertThat(jedis.xrange(key("lobby", "log"), "-", "+")).extracting(entry -> entry.getID().toString())
                .containsExactly("1-0");
    }

    private RedisHistory server(int size) {
        return new RedisHistory(pool, REDIS.namespace(), size, TTL);
    }

    private static List<Long> appendMany(RedisHistory server, String from, CountDownLatch start)
            throws InterruptedException {
        assertThat(start.await(10, TimeUnit.SECONDS)).as("the start signal").isTrue();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            seqs.add(server.append("busy", from, TextNode.valueOf(from + i)).seq());
        }
        return seqs;
    }

    private static String key(String room, String part) {
        return REDIS.namespace() + "{room:" + room + "}:" + part;
    }
}
