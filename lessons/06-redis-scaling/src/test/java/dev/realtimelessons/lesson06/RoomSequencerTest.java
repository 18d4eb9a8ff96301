package dev.realtimelessons.lesson06;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step3;
import dev.realtimelessons.lesson06.RoomSequencer.Numbered;

@Step3
@DisplayName("Step 3: the room sequencer")
class RoomSequencerTest {

    /** The room's stream, as Redis would keep it; the test decides what it holds. */
    private final TreeMap<Long, Numbered> stream = new TreeMap<>();
    private final List<String> reads = new ArrayList<>();
    private final RoomSequencer.Gaps gaps = (after, before) -> {
        reads.add(after + ".." + before);
        return List.copyOf(stream.subMap(after, false, before, false).values());
    };

    @Test
    @DisplayName("delivers the next message at once, without reading the stream")
    void deliversTheNextOne() {
        RoomSequencer sequencer = new RoomSequencer("e1", 4, gaps);

        assertThat(seqs(sequencer.accept(message(5)))).containsExactly(5L);
        assertThat(seqs(sequencer.accept(message(6)))).containsExactly(6L);
        assertThat(sequencer.lastSeq()).isEqualTo(6);
        assertThat(reads).as("stream reads").isEmpty();
        assertThat(sequencer.hasHole()).as("a hole").isFalse();
    }

    @Test
    @DisplayName("drops a message it delivered already, and one older than that")
    void dropsRepeats() {
        RoomSequencer sequencer = new RoomSequencer("e1", 4, gaps);
        sequencer.accept(message(5));

        assertThat(sequencer.accept(message(5))).as("the same seq again").isEmpty();
        assertThat(sequencer.accept(message(3))).as("an older seq").isEmpty();
        assertThat(sequencer.lastSeq()).isEqualTo(5);
    }

    @Test
    @DisplayName("fills a gap from the stream before the message that overtook it")
    void fillsAGap() {
        stream.put(6L, message(6));
        stream.put(7L, message(7));
        RoomSequencer sequencer = new RoomSequencer("e1", 5, gaps);

        assertThat(seqs(sequencer.accept(message(8)))).containsExactly(6L, 7L, 8L);
        assertThat(reads).containsExactly("5..8");
        assertThat(sequencer.hasHole()).as("a hole").isFalse();
        assertThat(sequencer.accept(message(7))).as("7, arriving late through pub/sub").isEmpty();
        assertThat(seqs(sequencer.accept(message(9)))).containsExactly(9L);
    }

    @Test
    @DisplayName("sorts what the stream returns, and keeps only what lies inside the gap")
    void sortsAndBoundsTheFill() {
        RoomSequencer.Gaps unordered = (after, before) -> List.of(message(7), message(9), message(6), message(5));
        RoomSequencer sequencer = new RoomSequencer("e1", 5, unordered);

        assertThat(seqs(sequencer.accept(message(8)))).containsExactly(6L, 7L, 8L);
        assertThat(sequencer.lastSeq()).isEqualTo(8);
    }

    @Test
    @DisplayName("marks a hole, and goes on, when the stream no longer keeps part of a gap")
    void marksWhatWasTrimmed() {
        stream.put(7L, message(7)); // 6 was trimmed away
        RoomSequencer sequencer = new RoomSequencer("e1", 5, gaps);

        assertThat(seqs(sequencer.accept(message(8)))).containsExactly(7L, 8L);
        assertThat(sequencer.lastSeq()).isEqualTo(8);
        assertThat(sequencer.hasHole()).as("a hole").isTrue();
    }

    @Test
    @DisplayName("marks a hole when the stream keeps nothing of a gap")
    void marksAnEmptyFill() {
        RoomSequencer sequencer = new RoomSequencer("e1", 5, gaps);

        assertThat(seqs(sequencer.accept(message(7)))).containsExactly(7L);
        assertThat(sequencer.hasHole()).as("a hole").isTrue();
    }

    @Test
    @DisplayName("keeps the connection a message must skip (exclude_self)")
    void keepsTheExcludedConnection() {
        RoomSequencer sequencer = new RoomSequencer("e1", 0, gaps);

        Numbered published = new Numbered(1, "{\"seq\":1}", "conn-7");
        assertThat(sequencer.accept(published)).containsExactly(published);
    }

    @Test
    @DisplayName("catches up after an outage with what the stream kept, and goes on from the latest seq")
    void catchesUp() {
        stream.put(4L, message(4));
        stream.put(5L, message(5));
        stream.put(6L, message(6));
        RoomSequencer sequencer = new RoomSequencer("e1", 3, gaps);

        assertThat(seqs(sequencer.catchUp(6))).containsExactly(4L, 5L, 6L);
        assertThat(sequencer.lastSeq()).isEqualTo(6);
        assertThat(sequencer.hasHole()).as("a hole").isFalse();
        assertThat(sequencer.catchUp(6)).as("nothing new").isEmpty();
        assertThat(sequencer.accept(message(6))).as("6 through pub/sub, late").isEmpty();
    }

    @Test
    @DisplayName("goes on from the latest seq even when the stream lost the messages in between")
    void catchesUpPastATrimmedStream() {
        RoomSequencer sequencer = new RoomSequencer("e1", 3, gaps);

        assertThat(sequencer.catchUp(9)).isEmpty();
        assertThat(sequencer.lastSeq()).isEqualTo(9);
        assertThat(sequencer.hasHole()).as("a hole").isTrue();
    }

    private static Numbered message(long seq) {
        return new Numbered(seq, "{\"type\":\"message\",\"seq\":" + seq + "}", null);
    }

    private static List<Long> seqs(List<Numbered> messages) {
        return messages.stream().map(Numbered::seq).toList();
    }
}
