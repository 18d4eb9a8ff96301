package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.steps.Step3;
import dev.realtimelessons.lesson02.protocol.Messages;

@Step3
@DisplayName("Step 3: numbered messages and a bounded history")
class RoomHistoryTest {

    private final Room room = new Room("lobby", 3);

    @Test
    @DisplayName("numbers messages 1, 2, 3 … in the room, with sender, data and room")
    void numbersMessages() {
        assertThat(room.latestSeq()).isZero();

        RoomMessage first = room.publish("ada", JsonNodeFactory.instance.textNode("hello"));
        RoomMessage second = room.publish("bob", JsonNodeFactory.instance.textNode("hi"));

        assertThat(Json.tree(Messages.text(first)).get("type").asText()).isEqualTo("message");
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.from()).isEqualTo("ada");
        assertThat(first.data().asText()).isEqualTo("hello");
        assertThat(first.room()).isEqualTo("lobby");
        assertThat(first.history()).as("a live message, not marked as history").isNull();
        assertThat(second.seq()).isEqualTo(2);
        assertThat(room.latestSeq()).isEqualTo(2);
    }

    @Test
    @DisplayName("keeps only the last messages, oldest first, however many are published")
    void keepsABoundedHistory() {
        for (int i = 1; i <= 1_000; i++) {
            room.publish("ada", JsonNodeFactory.instance.numberNode(i));
        }

        assertThat(room.history()).extracting(RoomMessage::seq).containsExactly(998L, 999L, 1_000L);
        assertThat(room.latestSeq()).isEqualTo(1_000);
    }

    @Test
    @DisplayName("keeps nothing with a history size of 0, and still numbers")
    void historyCanBeOff() {
        Room quiet = new Room("quiet", 0);

        quiet.publish("ada", JsonNodeFactory.instance.textNode("x"));

        assertThat(quiet.history()).isEmpty();
        assertThat(quiet.latestSeq()).isEqualTo(1);
    }
}
