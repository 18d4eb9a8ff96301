package dev.realtimelessons.lesson05.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.steps.Step5;
import dev.realtimelessons.lesson02.protocol.ClientRequest;

@Step5
@DisplayName("Step 5: the room cursor knows what to rejoin with and drops repeats")
class RoomCursorTest {

    private final RoomCursor cursor = new RoomCursor("lobby");

    /** A room message as the server sends it. */
    static ObjectNode message(long seq) {
        return JsonNodeFactory.instance.objectNode().put("type", "message").put("room", "lobby").put("from", "bob")
                .put("data", "m" + seq).put("seq", seq).put("ts", 1_700_000_000_000L + seq);
    }

    /** A join's ack; {@code recovered} is left out when null, as the server does for a first join. */
    static ObjectNode ack(long seq, String epoch, Boolean recovered) {
        ObjectNode ack = JsonNodeFactory.instance.objectNode().put("type", "ack").put("room", "lobby")
                .put("seq", seq).put("epoch", epoch);
        if (recovered != null) {
            ack.put("recovered", recovered);
        }
        return ack;
    }

    /** A request as the client writes it on the wire. */
    static JsonNode wire(ClientRequest request) {
        return Json.tree(Json.write(request));
    }

    @Test
    @DisplayName("a first join names only the room: it has no position to resume from")
    void firstJoin() {
        JsonNode join = wire(cursor.joinRequest());

        assertThat(join.get("type").asText()).isEqualTo("join");
        assertThat(join.get("room").asText()).isEqualTo("lobby");
        assertThat(join.has("since")).as("since").isFalse();
        assertThat(join.has("epoch")).as("epoch").isFalse();
        assertThat(join.has("id")).as("the id is the client's to give").isFalse();
    }

    @Test
    @DisplayName("messages with a higher seq are delivered and move the cursor; repeats and older ones are dropped")
    void admitsEachSeqOnce() {
        assertThat(cursor.admit(message(1))).isTrue();
        assertThat(cursor.admit(message(2))).isTrue();
        assertThat(cursor.admit(message(2))).as("2 again").isFalse();
        assertThat(cursor.admit(message(1))).as("1, older").isFalse();
        assertThat(cursor.admit(message(5))).as("5, after a gap the server will explain").isTrue();
        assertThat(cursor.admit(message(4))).as("4, older than 5").isFalse();

        assertThat(cursor.lastSeq()).isEqualTo(5);
    }

    @Test
    @DisplayName("a message without a numeric seq cannot be checked, so it is delivered and moves nothing")
    void messagesWithoutSeqPass() {
        cursor.admit(message(3));
        ObjectNode unnumbered = message(0);
        unnumbered.putNull("seq"); // lesson 06: a message a server delivered to its own members while Redis was down
        ObjectNode text = message(0);
        text.put("seq", "7");

        assertThat(cursor.admit(unnumbered)).isTrue();
        assertThat(cursor.admit(text)).isTrue();
        assertThat(cursor.lastSeq()).isEqualTo(3);
    }

    @Test
    @DisplayName("a cursor with a position rejoins asking for everything after its last seq, in its epoch")
    void rejoinResumes() {
        RoomCursor positioned = new RoomCursor("lobby", 4, "e1");
        positioned.admit(message(5));
        positioned.admit(message(6));

        JsonNode rejoin = wire(positioned.joinRequest());

        assertThat(rejoin.get("type").asText()).isEqualTo("join");
        assertThat(rejoin.get("room").asText()).isEqualTo("lobby");
        assertThat(rejoin.get("since").asLong()).isEqualTo(6);
        assertThat(rejoin.get("epoch").asText()).isEqualTo("e1");
        assertThat(wire(positioned.joinRequest())).as("asking again changes nothing").isEqualTo(rejoin);
    }

    @Test
    @DisplayName("a position at 0 still resumes (since 0), and without an epoch the join carries since alone")
    void rejoinFromZeroWithoutEpoch() {
        JsonNode rejoin = wire(new RoomCursor("lobby", 0, null).joinRequest());

        assertThat(rejoin.get("since").asLong()).isZero();
        assertThat(rejoin.has("epoch")).as("epoch").isFalse();
    }
}
