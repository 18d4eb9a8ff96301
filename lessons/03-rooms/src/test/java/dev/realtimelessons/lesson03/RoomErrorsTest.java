package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.realtimelessons.kit.testing.WsTestClient;

/** Bad room requests get an error and the connection stays open (given code; it needs steps 1 and 2). */
@DisplayName("Room errors")
class RoomErrorsTest {

    @RegisterExtension
    final RunningRoomsServer server = new RunningRoomsServer(RoomsConfig.forTests());

    @ParameterizedTest(name = "{0} -> {2}")
    @DisplayName("bad room requests get an error with its code and id, and the connection stays open")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            join without room          | {"type":"join","id":1}                                 | invalid_field
            join with a number         | {"type":"join","id":1,"room":7}                        | invalid_field
            join with null             | {"type":"join","id":1,"room":null}                     | invalid_field
            join an empty name         | {"type":"join","id":1,"room":""}                       | invalid_room
            join a name with a space   | {"type":"join","id":1,"room":"no spaces"}              | invalid_room
            leave an empty name        | {"type":"leave","id":1,"room":""}                      | invalid_room
            publish to an empty name   | {"type":"publish","id":1,"room":"","data":1}           | invalid_room
            typing in an empty name    | {"type":"typing","id":1,"room":""}                     | invalid_room
            join a name too long       | {"type":"join","id":1,"room":"a234567890123456789012345678901234567890123456789012345678901234x"} | invalid_room
            join a name starting with _| {"type":"join","id":1,"room":"_hidden"}                | invalid_room
            leave a bad name           | {"type":"leave","id":1,"room":"../etc"}                | invalid_room
            publish to a bad name      | {"type":"publish","id":1,"room":"a b","data":1}        | invalid_room
            publish without joining    | {"type":"publish","id":1,"room":"lobby","data":1}      | not_a_member
            publish without data       | {"type":"publish","id":1,"room":"mine"}                | invalid_field
            publish a bad exclude_self | {"type":"publish","id":1,"room":"mine","data":1,"exclude_self":"yes"} | invalid_field
            typing without joining     | {"type":"typing","id":1,"room":"lobby"}                | not_a_member
            """)
    void badRoomRequests(String description, String frame, String code) {
        WsTestClient ada = server.connect("ada");
        RunningRoomsServer.join(ada, "mine");

        ada.send(frame);

        JsonNode error = ada.awaitMessage("error", RunningRoomsServer.WAIT);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("id").asInt()).isEqualTo(1);
        ada.send("{\"type\":\"ping\",\"id\":\"alive\"}");
        assertThat(ada.awaitMessage("pong", RunningRoomsServer.WAIT).get("id").asText()).isEqualTo("alive");
    }
}
