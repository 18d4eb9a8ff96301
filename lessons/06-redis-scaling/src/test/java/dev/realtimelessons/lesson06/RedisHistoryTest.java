package dev.realtimelessons.lesson06;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.steps.Step3;
import dev.realtimelessons.lesson05.history.Replay;

@Step3
@Tag("redis")
@DisplayName("Step 3: the history in Redis Streams")
class RedisHistoryTest {

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    private JedisPooled pool;
    private RedisHistory history;

    @BeforeEach
    void connect() {
        pool = new JedisPooled(REDIS.redis().uri());
        history = new RedisHistory(pool, REDIS.namespace(), 5, Duration.ofMinutes(5));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    @DisplayName("numbers a room's messages 1, 2, 3 and keeps them in a stream whose ids are the seqs")
    void numbersAndKeeps() {
        ObjectNode first = history.append("lobby", "ada", TextNode.valueOf("hi"));
        history.append("lobby", "bob", TextNode.valueOf("hello"));
        history.append("other", "ada", TextNode.valueOf("elsewhere"));
        ObjectNode third = history.append("lobby", "ada", TextNode.valueOf("bye"));

        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("type").asText()).isEqualTo("message");
        assertThat(first.get("ts").isIntegralNumber()).as("ts").isTrue();
        assertThat(third.get("seq").asLong()).isEqualTo(3);
        try (Jedis jedis = REDIS.redis().connect()) {
            assertThat(jedis.xlen(REDIS.namespace() + "{room:lobby}:log")).isEqualTo(3);
            assertThat(jedis.xrange(REDIS.namespace() + "{room:lobby}:log", "-", "+"))
                    .extracting(entry -> entry.getID().toString()).containsExactly("1-0", "2-0", "3-0");
        }
    }

    @Test
    @DisplayName("gives every message of two servers appending at once its own seq, in one sequence")
    void numbersAcrossServers() throws Exception {
        RedisHistory other = new RedisHistory(pool, REDIS.namespace(), 1000, Duration.ofMinutes(5));
        RedisHistory mine = new RedisHistory(pool, REDIS.namespace(), 1000, Duration.ofMinutes(5));
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = List.of(
                    two.submit(() -> { for (int i = 0; i < 100; i++) {
                        seqs.add(mine.append("busy", "ada", TextNode.valueOf("a")).get("seq").asLong()); } }),
                    two.submit(() -> { for (int i = 0; i < 100; i++) {
                        seqs.add(other.append("busy", "bob", TextNode.valueOf("b")).get("seq").asLong()); } }));
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            two.shutdownNow();
        }
        assertThat(seqs).hasSize(200).allMatch(seq -> seq >= 1 && seq <= 200);
        assertThat(mine.since("busy", 0, mine.epochOf("busy")).messages()).hasSize(200);
    }

    @Test
    @DisplayName("replays exactly what came after since, with the epoch, as complete")
    void replaysWhatWasMissed() {
        for (int i = 1; i <= 4; i++) {
            history.append("lobby", "ada", TextNode.valueOf("m" + i));
        }
        String epoch = history.recent("lobby").epoch();

        Replay replay = history.since("lobby", 2, epoch);

        assertThat(replay.complete()).isTrue();
        assertThat(replay.latestSeq()).isEqualTo(4);
        assertThat(replay.epoch()).isEqualTo(epoch);
        assertThat(seqs(replay.messages())).containsExactly(3L, 4L);
        assertThat(replay.messages().get(0).get("data").asText()).isEqualTo("m3");
        assertThat(history.since("lobby", 4, epoch).messages()).as("nothing missed").isEmpty();
        assertThat(history.since("lobby", 4, epoch).complete()).isTrue();
    }

    @Test
    @DisplayName("says not complete for another epoch or a seq from the future, and sends the recent messages")
    void refusesWhatItCannotRecover() {
        for (int i = 1; i <= 3; i++) {
            history.append("lobby", "ada", TextNode.valueOf("m" + i));
        }
        String epoch = history.recent("lobby").epoch();

        Replay otherEpoch = history.since("lobby", 1, "not-" + epoch);
        Replay future = history.since("lobby", 9, epoch);

        assertThat(otherEpoch.complete()).isFalse();
        assertThat(seqs(otherEpoch.messages())).containsExactly(1L, 2L, 3L);
        assertThat(future.complete()).isFalse();
    }

    @Test
    @DisplayName("keeps a bounded stream, and a resume from before what it keeps is not complete")
    void staysBounded() {
        for (int i = 1; i <= 600; i++) {
            history.append("lobby", "ada", TextNode.valueOf("m" + i));
        }
        String epoch = history.recent("lobby").epoch();

        try (Jedis jedis = REDIS.redis().connect()) {
            assertThat(jedis.xlen(REDIS.namespace() + "{room:lobby}:log")).as("MAXLEN ~ trims in whole blocks")
                    .isLessThan(600);
        }
        assertThat(seqs(history.recent("lobby").messages())).containsExactly(596L, 597L, 598L, 599L, 600L);
        assertThat(history.since("lobby", 1, epoch).complete()).isFalse();
    }

    @Test
    @DisplayName("reads a range of kept messages for a server filling a gap, and the latest seq alone")
    void readsARange() {
        for (int i = 1; i <= 5; i++) {
            history.append("lobby", "ada", TextNode.valueOf("m" + i));
        }

        assertThat(seqs(history.between("lobby", 1, 4))).containsExactly(2L, 3L);
        assertThat(history.between("lobby", 2, 3)).as("an empty range").isEmpty();
        assertThat(history.latest("lobby").latestSeq()).isEqualTo(5);
        assertThat(history.latest("lobby").messages()).isEmpty();
        assertThat(history.latest("lobby").epoch()).isEqualTo(history.epochOf("lobby"));
    }

    @Test
    @DisplayName("a room that lost its keys starts again from 1 in a new epoch")
    void newEpochAfterLoss() {
        history.append("lobby", "ada", TextNode.valueOf("m1"));
        String before = history.recent("lobby").epoch();
        try (Jedis jedis = REDIS.redis().connect()) {
            jedis.del(REDIS.namespace() + "{room:lobby}:seq", REDIS.namespace() + "{room:lobby}:log",
                    REDIS.namespace() + "{room:lobby}:epoch");
        }

        ObjectNode again = history.append("lobby", "ada", TextNode.valueOf("again"));

        assertThat(again.get("seq").asLong()).isEqualTo(1);
        assertThat(history.epochOf("lobby")).isNotEqualTo(before);
        assertThat(history.since("lobby", 1, before).complete()).isFalse();
    }

    private static List<Long> seqs(List<ObjectNode> messages) {
        return messages.stream().map(message -> message.get("seq").asLong()).toList();
    }
}
