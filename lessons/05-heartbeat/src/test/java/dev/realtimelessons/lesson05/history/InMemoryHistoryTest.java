package dev.realtimelessons.lesson05.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step2;
import dev.realtimelessons.lesson03.RoomMessage;

@Step2
@DisplayName("Step 2: a history that clients can resume from")
class InMemoryHistoryTest {

    private final InMemoryHistory history = new InMemoryHistory(3);

    private void publish(String room, int count) {
        for (int i = 0; i < count; i++) {
            history.append(room, "ada", TextNode.valueOf("m" + i));
        }
    }

    private static List<Long> seqs(Replay replay) {
        return replay.messages().stream().map(RoomMessage::seq).toList();
    }

    @Test
    @DisplayName("each room numbers its messages from 1, and keeps only the last few")
    void numbersAndBounds() {
        publish("a", 5);
        RoomMessage first = history.append("b", "bob", TextNode.valueOf("hi"));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.room()).isEqualTo("b");
        Replay a = history.recent("a");
        assertThat(seqs(a)).containsExactly(3L, 4L, 5L);
        assertThat(a.latestSeq()).isEqualTo(5);
        assertThat(a.complete()).isTrue();
        assertThat(a.epoch()).isNotBlank().isNotEqualTo(history.recent("b").epoch());
    }

    @Test
    @DisplayName("a client that comes back within the history gets exactly what it missed")
    void completeRecovery() {
        publish("a", 4);
        String epoch = history.recent("a").epoch();

        Replay missed = history.since("a", 2, epoch);

        assertThat(seqs(missed)).containsExactly(3L, 4L);
        assertThat(missed.complete()).isTrue();
        assertThat(missed.latestSeq()).isEqualTo(4);
        assertThat(history.since("a", 4, epoch)).satisfies(upToDate -> {
            assertThat(upToDate.messages()).isEmpty();
            assertThat(upToDate.complete()).isTrue();
        });
    }

    @Test
    @DisplayName("the edge: missing exactly as many as are kept is still complete; one more is not")
    void edgeOfTheHistory() {
        publish("a", 5); // keeps 3, 4, 5
        String epoch = history.recent("a").epoch();

        assertThat(history.since("a", 2, epoch).complete()).isTrue();
        Replay gap = history.since("a", 1, epoch);
        assertThat(gap.complete()).as("message 2 is gone").isFalse();
        assertThat(seqs(gap)).as("what is kept, for a reload").containsExactly(3L, 4L, 5L);
    }

    @Test
    @DisplayName("another epoch, or a number from the future, is never a silent partial replay")
    void otherEpoch() {
        publish("a", 2);
        String epoch = history.recent("a").epoch();

        assertThat(history.since("a", 1, "an-old-epoch").complete()).isFalse();
        assertThat(history.since("a", 1, null).complete()).isFalse();
        assertThat(history.since("a", 7, epoch).complete()).isFalse();
        assertThat(history.since("new-room", 0, "an-old-epoch").complete())
                .as("a room this server never saw: its history was lost").isFalse();
    }

    @Test
    @DisplayName("a new history (a restart) gives every room a new epoch")
    void restart() {
        String before = history.recent("a").epoch();
        assertThat(new InMemoryHistory(3).recent("a").epoch()).isNotEqualTo(before);
        assertThat(history.recent("a").epoch()).as("stable while the history lives").isEqualTo(before);
    }
}
