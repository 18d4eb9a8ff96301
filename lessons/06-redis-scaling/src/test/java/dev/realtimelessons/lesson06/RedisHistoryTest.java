package dev.realtimelessons.lesson06;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.steps.Step2;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson03.RoomMessage;
import dev.realtimelessons.lesson05.history.Replay;

@Step2
@Tag("redis")
@DisplayName("Step 2: resumes and gap fills from the stream")
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
        assertThat(replay.messages().get(0).data().asText()).isEqualTo("m3");
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
    @DisplayName("says not complete for a resume from before what the stream keeps, and sends the recent messages")
    void refusesWhatWasTrimmed() {
        for (int i = 1; i <= 600; i++) {
            history.append("lobby", "ada", TextNode.valueOf("m" + i));
        }
        String epoch = history.recent("lobby").epoch();

        Replay trimmed = history.since("lobby", 1, epoch);

        assertThat(trimmed.complete()).isFalse();
        assertThat(seqs(trimmed.messages())).containsExactly(596L, 597L, 598L, 599L, 600L);
        assertThat(trimmed.latestSeq()).isEqualTo(600);
        assertThat(history.since("lobby", 597, epoch).complete()).as("a resume from what is kept").isTrue();
    }

    @Test
    @DisplayName("says not complete for a resume in the epoch of a room that lost its keys")
    void refusesALostEpoch() {
        history.append("lobby", "ada", TextNode.valueOf("m1"));
        String before = history.recent("lobby").epoch();
        try (Jedis jedis = REDIS.redis().connect()) {
            jedis.del(key("seq"), key("log"), key("epoch"));
        }
        history.append("lobby", "ada", TextNode.valueOf("again"));

        Replay replay = history.since("lobby", 1, before);

        assertThat(replay.complete()).isFalse();
        assertThat(replay.epoch()).isNotEqualTo(before);
        assertThat(seqs(replay.messages())).containsExactly(1L);
    }

    @Test
    @DisplayName("reads the kept messages strictly inside a range, for a server filling a gap")
    void readsARange() {
        for (int i = 1; i <= 5; i++) {
            history.append("lobby", "ada", TextNode.valueOf("m" + i));
        }

        List<RoomMessage> range = history.between("lobby", 1, 4);

        assertThat(seqs(range)).containsExactly(2L, 3L);
        assertThat(range.get(0).data().asText()).isEqualTo("m2");
        assertThat(range.get(0).from()).isEqualTo("ada");
        assertThat(Json.tree(Messages.text(range.get(0))).get("type").asText()).isEqualTo("message");
        assertThat(history.between("lobby", 2, 3)).as("an empty range").isEmpty();
        assertThat(seqs(history.between("lobby", 3, 9))).as("a range past the latest").containsExactly(4L, 5L);
    }

    @Test
    @DisplayName("leaves out of a range what the stream no longer keeps")
    void aRangeWithoutWhatWasTrimmed() {
        for (int i = 1; i <= 5; i++) {
            history.append("lobby", "ada", TextNode.valueOf("m" + i));
        }
        try (Jedis jedis = REDIS.redis().connect()) {
            jedis.xdel(key("log"), new StreamEntryID(3, 0)); // as a trim would
        }

        assertThat(seqs(history.between("lobby", 1, 5))).containsExactly(2L, 4L);
    }

    private static String key(String part) {
        return REDIS.namespace() + "{room:lobby}:" + part;
    }

    private static List<Long> seqs(List<RoomMessage> messages) {
        return messages.stream().map(RoomMessage::seq).toList();
    }
}
