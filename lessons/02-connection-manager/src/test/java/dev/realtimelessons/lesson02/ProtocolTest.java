package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.realtimelessons.kit.testing.RawWebSocket;
import dev.realtimelessons.kit.testing.WsTestClient;

/** The protocol's answers to good and bad input (given code; it needs steps 1 and 2 to run). */
@DisplayName("The protocol")
class ProtocolTest {

    @RegisterExtension
    final RunningChatServer server = new RunningChatServer(ChatServerConfig.forTests());

    @Test
    @DisplayName("connected says the connection, the user and the protocol version")
    void connectedMessage() {
        WsTestClient client = WsTestClient.connect(server.uri("ws", "/ws?user=ada"));
        try {
            JsonNode connected = client.awaitMessage("connected", RunningChatServer.WAIT);
            assertThat(connected.get("connection").asText()).isNotEmpty();
            assertThat(connected.get("protocol").asInt()).isEqualTo(1);
        } finally {
            client.abort();
        }
    }

    @Test
    @DisplayName("ping is answered with pong carrying the same id")
    void pingPong() {
        WsTestClient ada = server.connect("ada");

        ada.send(Map.of("type", "ping", "id", "p-1"));

        assertThat(ada.awaitMessage("pong", RunningChatServer.WAIT).get("id").asText()).isEqualTo("p-1");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @DisplayName("bad input gets an error with its code and id, and the connection stays open")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                  | {"type": "ping", "id": 7                       | malformed_json |
            not an object             | [1, 2, 3]                                      | malformed_json |
            text after the object     | {"type": "ping", "id": 7} x                    | malformed_json |
            a second value after it   | {"type": "ping", "id": 7} 8                    | malformed_json |
            no type                   | {"id": 7}                                      | invalid_field  | 7
            type not a string         | {"type": 5, "id": 7}                           | invalid_field  | 7
            id neither text nor number| {"type": "ping", "id": {"x": 1}}               | invalid_field  |
            unknown type              | {"type": "teleport", "id": 7}                  | unknown_type   | 7
            direct without to         | {"type": "direct", "id": 7, "data": "hi"}      | invalid_field  | 7
            direct with a number to   | {"type": "direct", "id": 7, "to": 5, "data": 1}| invalid_field  | 7
            direct to a bad name      | {"type": "direct", "id": 7, "to": "a b", "data": 1} | invalid_field | 7
            direct without data       | {"type": "direct", "id": 7, "to": "bob"}       | invalid_field  | 7
            """)
    void badInputGetsAnError(String description, String frame, String code, String id) {
        WsTestClient ada = server.connect("ada");

        ada.send(frame);

        JsonNode error = ada.awaitMessage("error", RunningChatServer.WAIT);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        if (id == null) {
            assertThat(error.has("id")).isFalse();
        } else {
            assertThat(error.get("id").asText()).isEqualTo(id);
        }
        ada.send(Map.of("type", "ping", "id", "still-there"));
        assertThat(ada.awaitMessage("pong", RunningChatServer.WAIT).get("id").asText()).isEqualTo("still-there");
    }

    @Test
    @DisplayName("a frame holding two objects gets one malformed_json, and neither object is handled")
    void twoObjectsInOneFrame() {
        WsTestClient ada = server.connect("ada");

        ada.send("{\"type\":\"ping\",\"id\":11}{\"type\":\"ping\",\"id\":12}");

        JsonNode error = ada.awaitMessage("error", RunningChatServer.WAIT);
        assertThat(error.get("code").asText()).isEqualTo("malformed_json");
        assertThat(error.has("id")).as("a malformed frame has no usable id").isFalse();
        ada.send(Map.of("type", "ping", "id", "after"));
        ada.awaitMessage("pong", RunningChatServer.WAIT); // answers come in order: one to 11 or 12 would be here
        assertThat(ada.received()).filteredOn(text -> text.contains("\"pong\"")).hasSize(1);
        assertThat(ada.received()).filteredOn(text -> text.contains("\"error\"")).hasSize(1);
    }

    @Test
    @DisplayName("data is passed on untouched: its numbers arrive with the digits they were sent with")
    void dataNumbersArriveExactly() {
        WsTestClient ada = server.connect("ada");
        String data = "{\"tiny\":0.1000000000000000000001,\"exp\":1E+2,\"zeros\":1.50,"
                + "\"big\":123456789012345678901234567890,\"huge\":1E+400,\"list\":[-0.5,3.0]}";

        ada.send("{\"type\":\"direct\",\"id\":1,\"to\":\"ada\",\"data\":" + data + "}");

        ada.awaitMessage("direct", RunningChatServer.WAIT);
        assertThat(ada.received()).filteredOn(text -> text.contains("\"direct\""))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("\"data\":" + data + ",");
    }

    @Test
    @DisplayName("a frame over the size limit closes the connection with 1009")
    void tooLargeCloses1009() {
        WsTestClient ada = server.connect("ada");

        ada.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");

        assertThat(ada.awaitClose(RunningChatServer.WAIT).code()).isEqualTo(1009);
        server.awaitConnections(0);
    }

    @Test
    @DisplayName("a single frame over the size limit closes the connection with 1009 too")
    void oneLargeFrameCloses1009() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(server.uri("ws", "/ws?user=raw"), "cmF3LWNsaWVudC1rZXk=")) {
            byte[] payload = ("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
            frame.put((byte) 0x81).put((byte) (0x80 | 127)).putLong(payload.length).putInt(0); // FIN, text; mask 0
            frame.put(payload); // a zero mask leaves the payload as it is
            raw.out().write(frame.array());
            raw.out().flush();

            byte[] closeFrame = raw.in().readAllBytes(); // the server's last frames, then the end of the stream
            int close = lastCloseCode(closeFrame);
            assertThat(close).isEqualTo(1009);
        }
    }

    /** The close code of the close frame at the end of what the server sent. */
    private static int lastCloseCode(byte[] bytes) {
        for (int i = bytes.length - 4; i >= 0; i--) {
            if ((bytes[i] & 0xFF) == 0x88 && (bytes[i + 1] & 0x7F) >= 2 && i + 2 + (bytes[i + 1] & 0x7F) == bytes.length) {
                return ((bytes[i + 2] & 0xFF) << 8) | (bytes[i + 3] & 0xFF);
            }
        }
        return -1;
    }

    @Test
    @DisplayName("a bad user name is refused with close 1008")
    void badUserCloses1008() {
        WsTestClient client = WsTestClient.connect(server.uri("ws", "/ws?user=no%20spaces"));
        try {
            WsTestClient.CloseStatus status = client.awaitClose(RunningChatServer.WAIT);
            assertThat(status.code()).isEqualTo(1008);
            assertThat(status.reason()).contains("user");
        } finally {
            client.abort();
        }
    }
}
