package dev.realtimelessons.kit.testing;

import static dev.realtimelessons.kit.testing.RawWebSocket.BINARY;
import static dev.realtimelessons.kit.testing.RawWebSocket.CLOSE;
import static dev.realtimelessons.kit.testing.RawWebSocket.CONTINUATION;
import static dev.realtimelessons.kit.testing.RawWebSocket.PING;
import static dev.realtimelessons.kit.testing.RawWebSocket.PONG;
import static dev.realtimelessons.kit.testing.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.server.Endpoints;
import dev.realtimelessons.kit.server.RealtimeServer;

/**
 * The frame guard of every {@link RealtimeServer}: frames over the limit, binary frames, unmasked frames and bad
 * control frames are refused with a close frame as soon as their header arrives, before their payload is
 * buffered. Each refusal is proved the same way: the client sends only the header (or less than the payload it
 * announces) and reads the server's close frame, which could not come if the server were waiting for the payload.
 */
@DisplayName("The frame guard")
class FrameGuardTest {

    private static final int LIMIT = 64 * 1024;

    /** Answers every text message with its size in UTF-8 bytes: "received N bytes"; records its close. */
    public static final class Sizes extends Endpoint {
        private final List<CloseReason> closes;

        Sizes(List<CloseReason> closes) {
            this.closes = closes;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> session.getAsyncRemote().sendText(
                    "received " + text.getBytes(StandardCharsets.UTF_8).length + " bytes"));
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closes.add(reason);
        }
    }

    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private RealtimeServer server = start(RealtimeServer.builder());

    private RealtimeServer start(RealtimeServer.Builder builder) {
        return builder.websocket(Endpoints.perConnection(Sizes.class, "/ws", () -> new Sizes(closes))).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawWebSocket open() throws IOException {
        RawWebSocket socket = RawWebSocket.open(server.uri("ws", "/ws"), "ZnJhbWUtZ3VhcmQtdGVzdA==");
        assertThat(socket.statusLine()).contains(" 101 ");
        return socket;
    }

    /** Reads the close frame and checks what every close frame of the guard must be, then the end of the TCP stream. */
    private static RawWebSocket.Frame closeFrom(RawWebSocket socket) throws IOException {
        RawWebSocket.Frame close = socket.awaitClose();
        assertThat(close.masked()).as("a server frame is never masked").isFalse();
        assertThat(close.fin()).isTrue();
        assertThat(close.payload().length).as("code and reason fit a control frame").isBetween(2, 125);
        assertThat(socket.serverClosedConnection()).as("the server closes the TCP connection after the close frame")
                .isTrue();
        return close;
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }

    @Test
    @DisplayName("a header that announces 2^63-1 bytes is closed with 1009 at once")
    void largestLengthIs1009() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(true, TEXT, Long.MAX_VALUE);

            RawWebSocket.Frame close = closeFrom(socket);
            assertThat(close.closeCode()).isEqualTo(1009);
            assertThat(close.closeReason()).isEqualTo("message too large: at most 65536 bytes");
        }
    }

    @Test
    @DisplayName("a 4 MB frame is closed with 1009 after its header, not with Tyrus's 1011 after 4 MB")
    void fourMegabytesIs1009() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(true, TEXT, 4L * 1024 * 1024);

            assertThat(closeFrom(socket).closeCode()).isEqualTo(1009);
        }
    }

    @Test
    @DisplayName("a client that goes on sending its 4 MB payload still reads the 1009: the server drains, then closes")
    void fourMegabytesSentInFullStillReads1009() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(true, TEXT, 4L * 1024 * 1024);
            byte[] chunk = bytes(64 * 1024);
            for (int sent = 0; sent < 4 * 1024 * 1024; sent += chunk.length) {
                socket.sendBytes(chunk);
            }

            assertThat(closeFrom(socket).closeCode()).isEqualTo(1009);
        }
    }

    @Test
    @DisplayName("the endpoint of a refused connection is closed too: its onClose runs, with 1006")
    void refusedSessionIsClosedOnTheServer() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(true, TEXT, LIMIT + 1);
            assertThat(closeFrom(socket).closeCode()).isEqualTo(1009);

            await("onClose of the refused session").atMost(Duration.ofSeconds(5)).until(() -> !closes.isEmpty());
            assertThat(closes).hasSize(1);
            assertThat(closes.get(0).getCloseCode().getCode()).as("Tyrus learns of the close from the TCP connection")
                    .isIn(1006, 1001); // measured: 1006; 1001 if Tyrus's close listener ran first
        }
    }

    @Test
    @DisplayName("a frame of 64 KiB + 1 bytes is closed with 1009 after its header")
    void oneByteOverIs1009() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(true, TEXT, LIMIT + 1);

            assertThat(closeFrom(socket).closeCode()).isEqualTo(1009);
        }
    }

    @Test
    @DisplayName("a fragmented message of 8 x 10 KiB is closed with 1009 at the header of the frame that passes 64 KiB")
    void fragmentedOverTheLimitIs1009() throws IOException {
        try (RawWebSocket socket = open()) {
            byte[] tenKiB = bytes(10 * 1024);
            socket.sendFrame(false, TEXT, tenKiB);
            for (int frame = 2; frame <= 6; frame++) { // 60 KiB in all: within the limit
                socket.sendFrame(false, CONTINUATION, tenKiB);
            }
            socket.sendHeader(false, CONTINUATION, tenKiB.length); // the 7th: 70 KiB announced

            assertThat(closeFrom(socket).closeCode()).isEqualTo(1009);
        }
    }

    @Test
    @DisplayName("a message of exactly 64 KiB passes, in one frame or in four")
    void exactlyTheLimitPasses() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendFrame(true, TEXT, bytes(LIMIT));
            assertThat(socket.readFrame().text()).isEqualTo("received 65536 bytes");

            byte[] quarter = bytes(LIMIT / 4);
            socket.sendFrame(false, TEXT, quarter);
            socket.sendFrame(false, CONTINUATION, quarter);
            socket.sendFrame(false, CONTINUATION, quarter);
            socket.sendFrame(true, CONTINUATION, quarter);
            assertThat(socket.readFrame().text()).isEqualTo("received 65536 bytes");
        }
    }

    @Test
    @DisplayName("many small frames in one write all pass, however large the write")
    void manySmallFramesInOneWritePass() throws IOException {
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        try (RawWebSocket socket = open()) {
            byte[] frame = maskedTextFrame(bytes(1000));
            for (int i = 0; i < 300; i++) { // 300 KB at once: several times Tyrus's buffer of 64 KiB + a header
                burst.writeBytes(frame);
            }
            socket.sendBytes(burst.toByteArray());

            for (int i = 0; i < 300; i++) {
                assertThat(socket.readFrame().text()).as("answer %d", i).isEqualTo("received 1000 bytes");
            }
        }
    }

    @Test
    @DisplayName("a frame whose header arrives a byte at a time is read all the same")
    void headerSplitAcrossReadsPasses() throws IOException {
        try (RawWebSocket socket = open()) {
            byte[] frame = maskedTextFrame(bytes(300)); // a 16-bit length: an 8-byte header
            for (byte b : Arrays.copyOf(frame, 8)) {
                socket.sendBytes(new byte[] {b});
            }
            socket.sendBytes(Arrays.copyOfRange(frame, 8, frame.length));

            assertThat(socket.readFrame().text()).isEqualTo("received 300 bytes");
        }
    }

    @Test
    @DisplayName("a binary frame is closed with 1003 after its header: the course speaks JSON text")
    void binaryIs1003() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(true, BINARY, 3);

            RawWebSocket.Frame close = closeFrom(socket);
            assertThat(close.closeCode()).isEqualTo(1003);
            assertThat(close.closeReason()).isEqualTo("binary frames are not accepted");
        }
    }

    @Test
    @DisplayName("an unmasked client frame is closed with 1002 (RFC 6455, section 5.1)")
    void unmaskedIs1002() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendUnmaskedFrame(true, TEXT, "{}".getBytes(StandardCharsets.UTF_8));

            RawWebSocket.Frame close = closeFrom(socket);
            assertThat(close.closeCode()).isEqualTo(1002);
            assertThat(close.closeReason()).isEqualTo("client frames must be masked");
        }
    }

    @Test
    @DisplayName("a ping is answered with a pong, a pong passes, and a close is answered with a close")
    void controlFramesPass() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendFrame(true, PING, "are you there".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = socket.readFrame();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("are you there");

            socket.sendFrame(true, PONG, new byte[0]); // unsolicited: allowed, and unanswered
            socket.sendText("still here");
            assertThat(socket.readFrame().text()).isEqualTo("received 10 bytes");

            // A ping between the frames of a message is allowed too
            socket.sendFrame(false, TEXT, bytes(10));
            socket.sendFrame(true, PING, new byte[0]);
            socket.sendFrame(true, CONTINUATION, bytes(10));
            assertThat(socket.readFrame().opcode()).isEqualTo(PONG);
            assertThat(socket.readFrame().text()).isEqualTo("received 20 bytes");

            socket.sendFrame(true, CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000
            assertThat(socket.awaitClose().closeCode()).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("a control frame over 125 bytes is closed with 1002")
    void longControlFrameIs1002() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(true, PING, 126);

            assertThat(closeFrom(socket).closeCode()).isEqualTo(1002);
        }
    }

    @Test
    @DisplayName("a fragmented control frame is closed with 1002")
    void fragmentedControlFrameIs1002() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(false, PING, 4);

            assertThat(closeFrom(socket).closeCode()).isEqualTo(1002);
        }
    }

    @Test
    @DisplayName("a continuation with no message to continue, or a new message inside one, is closed with 1002")
    void badFragmentsAre1002() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(true, CONTINUATION, 4);
            assertThat(closeFrom(socket).closeCode()).isEqualTo(1002);
        }
        try (RawWebSocket socket = open()) {
            socket.sendFrame(false, TEXT, bytes(4));
            socket.sendHeader(true, TEXT, 4);
            assertThat(closeFrom(socket).closeCode()).isEqualTo(1002);
        }
    }

    @Test
    @DisplayName("a reserved opcode, or a 64-bit length with its top bit set, is closed with 1002")
    void malformedHeadersAre1002() throws IOException {
        try (RawWebSocket socket = open()) {
            socket.sendHeader(true, 0x3, 4);
            assertThat(closeFrom(socket).closeCode()).isEqualTo(1002);
        }
        try (RawWebSocket socket = open()) {
            ByteBuffer header = ByteBuffer.allocate(10).put((byte) 0x81).put((byte) (0x80 | 127)).putLong(-1L);
            socket.sendBytes(header.array());
            assertThat(closeFrom(socket).closeCode()).isEqualTo(1002);
        }
    }

    @Test
    @DisplayName("the limit is the server's to set: 1000 bytes pass, 1001 close with 1009")
    void limitIsConfigurable() throws IOException {
        server.close();
        server = start(RealtimeServer.builder().maxMessageBytes(1000));
        try (RawWebSocket socket = open()) {
            socket.sendFrame(true, TEXT, bytes(1000));
            assertThat(socket.readFrame().text()).isEqualTo("received 1000 bytes");

            socket.sendHeader(true, TEXT, 1001);
            RawWebSocket.Frame close = closeFrom(socket);
            assertThat(close.closeCode()).isEqualTo(1009);
            assertThat(close.closeReason()).isEqualTo("message too large: at most 1000 bytes");
        }
    }

    /** A whole masked text frame, as {@link RawWebSocket#sendFrame} writes it. */
    private static byte[] maskedTextFrame(byte[] payload) {
        byte[] mask = {1, 2, 3, 4};
        ByteBuffer frame = ByteBuffer.allocate(8 + payload.length).put((byte) 0x81);
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        return Arrays.copyOf(frame.array(), frame.position());
    }
}
