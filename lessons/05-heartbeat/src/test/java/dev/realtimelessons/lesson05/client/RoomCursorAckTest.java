package dev.realtimelessons.lesson05.client;

import static dev.realtimelessons.lesson05.client.RoomCursorTest.ack;
import static dev.realtimelessons.lesson05.client.RoomCursorTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step6;

@Step6
@DisplayName("Step 6: a join's ack resumes the room, or starts it again and says so")
class RoomCursorAckTest {

    private RoomCursor cursor = new RoomCursor("lobby");

    private static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().map(message -> message.get("seq").asLong()).toList();
    }

    /** A cursor that has delivered up to {@code seq} in {@code epoch}. */
    private void positionAt(long seq, String epoch) {
        cursor = new RoomCursor("lobby", seq, epoch);
    }

    @Test
    @DisplayName("a first join delivers its history, takes the ack's epoch and seq, and reports nothing")
    void firstJoin() {
        RoomCursor.Acked acked = cursor.acknowledged(ack(3, "e1", null), List.of(message(2), message(3)));

        assertThat(seqs(acked.deliver())).containsExactly(2L, 3L);
        assertThat(acked.recovery()).as("a first join resumes nothing").isEmpty();
        assertThat(cursor.epoch()).isEqualTo("e1");
        assertThat(cursor.lastSeq()).isEqualTo(3);
        assertThat(cursor.positioned()).isTrue();
    }

    @Test
    @DisplayName("the ack's seq is the new position: what the server did not send will not come")
    void ackSeqIsTheNewPosition() {
        RoomCursor.Acked acked = cursor.acknowledged(ack(7, "e1", null), List.of());

        assertThat(acked.deliver()).isEmpty();
        assertThat(cursor.lastSeq()).isEqualTo(7);
        assertThat(cursor.admit(message(7))).as("7, which the room had before the join").isFalse();
        assertThat(cursor.admit(message(8))).isTrue();
    }

    @Test
    @DisplayName("a resume that recovered delivers exactly the missed messages, once, and reports recovered: true")
    void recovered() {
        positionAt(5, "e1");

        RoomCursor.Acked acked = cursor.acknowledged(ack(8, "e1", true),
                List.of(message(5), message(6), message(7), message(8))); // 5 again: a replay that overlaps

        assertThat(seqs(acked.deliver())).containsExactly(6L, 7L, 8L);
        assertThat(acked.recovery()).contains(new Recovery("lobby", true, 3, "e1"));
        assertThat(cursor.lastSeq()).isEqualTo(8);
    }

    @Test
    @DisplayName("a new epoch starts the numbering again: its messages are delivered though their seq is lower")
    void newEpoch() {
        positionAt(5, "e1");

        RoomCursor.Acked acked = cursor.acknowledged(ack(2, "e2", false), List.of(message(1), message(2)));

        assertThat(seqs(acked.deliver())).containsExactly(1L, 2L);
        assertThat(acked.recovery()).as("the app is told to reload")
                .contains(new Recovery("lobby", false, 2, "e2"));
        assertThat(cursor.epoch()).isEqualTo("e2");
        assertThat(cursor.lastSeq()).isEqualTo(2);
        assertThat(cursor.admit(message(3))).as("the new epoch goes on live").isTrue();
    }

    @Test
    @DisplayName("a new epoch with an empty room still moves the cursor back, so the next message 1 is news")
    void newEpochEmptyRoom() {
        positionAt(4, "e1");

        RoomCursor.Acked acked = cursor.acknowledged(ack(0, "e2", false), List.of());

        assertThat(acked.recovery()).contains(new Recovery("lobby", false, 0, "e2"));
        assertThat(cursor.lastSeq()).isZero();
        assertThat(cursor.admit(message(1))).isTrue();
    }

    @Test
    @DisplayName("a gap longer than the history is recovered: false in the same epoch, with what the server kept")
    void gapTooLong() {
        positionAt(2, "e1");

        RoomCursor.Acked acked = cursor.acknowledged(ack(9, "e1", false), List.of(message(7), message(8), message(9)));

        assertThat(seqs(acked.deliver())).containsExactly(7L, 8L, 9L);
        assertThat(acked.recovery()).contains(new Recovery("lobby", false, 3, "e1"));
        assertThat(cursor.lastSeq()).isEqualTo(9);
    }

    @Test
    @DisplayName("a seq lower than the cursor's in the same epoch means the numbering went back: start again")
    void seqWentBack() {
        positionAt(6, "e1");

        RoomCursor.Acked acked = cursor.acknowledged(ack(1, "e1", false), List.of(message(1)));

        assertThat(seqs(acked.deliver())).containsExactly(1L);
        assertThat(cursor.lastSeq()).isEqualTo(1);
    }

    @Test
    @DisplayName("held-back messages without a seq are delivered, and an ack without recovered reports nothing")
    void unnumberedMessagesPass() {
        positionAt(2, "e1");
        JsonNode unnumbered = message(0).putNull("seq");

        RoomCursor.Acked acked = cursor.acknowledged(ack(3, "e1", null),
                List.of(unnumbered, message(2), message(3)));

        assertThat(acked.deliver()).containsExactly(unnumbered, message(3));
        assertThat(acked.recovery()).isEmpty();
    }
}
