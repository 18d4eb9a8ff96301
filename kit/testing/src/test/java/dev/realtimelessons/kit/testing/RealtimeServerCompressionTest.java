package dev.realtimelessons.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.server.Endpoints;
import dev.realtimelessons.kit.server.RealtimeServer;

@DisplayName("RealtimeServer with compression")
class RealtimeServerCompressionTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[16]);
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final ClientManager tyrus = ClientManager.createClient();

    @AfterEach
    void stopClient() {
        tyrus.shutdown();
    }

    @Test
    @DisplayName("negotiates permessage-deflate with a client that offers it, and a message round-trips")
    void negotiatesWithAClientThatOffersIt() throws Exception {
        try (RealtimeServer server = echoServer(true, RealtimeServer.DEFAULT_MAX_MESSAGE_BYTES)) {
            TyrusClient client = TyrusClient.connect(tyrus, server.uri("ws", "/echo"), true);

            assertThat(client.answeredExtensions).as("the handshake answer's Sec-WebSocket-Extensions")
                    .containsExactly("permessage-deflate");
            assertThat(client.session.getNegotiatedExtensions()).extracting(Extension::getName)
                    .containsExactly("permessage-deflate");
            String text = "\"" + "the same words again and again, ".repeat(100) + "\"";
            client.session.getBasicRemote().sendText(text);
            assertThat(client.messages.poll(5, TimeUnit.SECONDS)).contains(text.substring(1, text.length() - 1));
            client.session.close();
        }
    }

    @Test
    @DisplayName("serves a client that does not offer it (the JDK's) as before")
    void servesAClientThatDoesNotOfferIt() throws Exception {
        try (RealtimeServer server = echoServer(true, RealtimeServer.DEFAULT_MAX_MESSAGE_BYTES);
             WsTestClient ws = WsTestClient.connect(server.uri("ws", "/echo"))) {
            ws.send("\"plain\"");
            assertThat(ws.awaitMessage("echo", Duration.ofSeconds(5)).get("text").asText()).isEqualTo("plain");

            TyrusClient tyrusWithout = TyrusClient.connect(tyrus, server.uri("ws", "/echo"), false);
            assertThat(tyrusWithout.answeredExtensions).isEmpty();
            tyrusWithout.session.getBasicRemote().sendText("\"also plain\"");
            assertThat(tyrusWithout.messages.poll(5, TimeUnit.SECONDS)).contains("also plain");
        }
    }

    @Test
    @DisplayName("offers nothing when compression is off (the default)")
    void offersNothingByDefault() throws Exception {
        try (RealtimeServer server = echoServer(false, RealtimeServer.DEFAULT_MAX_MESSAGE_BYTES)) {
            TyrusClient client = TyrusClient.connect(tyrus, server.uri("ws", "/echo"), true);

            assertThat(client.answeredExtensions).isEmpty();
            assertThat(client.session.getNegotiatedExtensions()).isEmpty();
            client.session.getBasicRemote().sendText("\"hi\"");
            assertThat(client.messages.poll(5, TimeUnit.SECONDS)).contains("hi");
        }
    }

    @Test
    @DisplayName("applies the message limit to what a compressed message inflates to: 1009, never delivered")
    void limitsTheInflatedSize() throws Exception {
        try (RealtimeServer server = echoServer(true, 1024)) {
            // Within the limit, compressed: delivered, and the answer comes back compressed
            RawWebSocket fits = open(server.uri("ws", "/echo"));
            sendCompressed(fits, "\"" + "a".repeat(900) + "\"");
            RawWebSocket.Frame echo = fits.readFrame();
            assertThat(echo.opcode()).isEqualTo(RawWebSocket.TEXT);
            assertThat(inflate(echo.payload())).contains("a".repeat(900));
            fits.close();

            // 512 KiB of JSON in about 520 bytes on the wire: FrameGuard lets the frame pass, the inflated size not
            RawWebSocket bomb = open(server.uri("ws", "/echo"));
            byte[] compressed = sendCompressed(bomb, "\"" + "a".repeat(512 * 1024) + "\"");
            assertThat(compressed.length).as("on the wire: under the limit").isLessThan(1024 + 1);
            RawWebSocket.Frame close = bomb.awaitClose();
            assertThat(close.closeCode()).isEqualTo(1009);
            assertThat(close.closeReason()).contains("1024");
            assertThat(bomb.serverClosedConnection()).isTrue();
            bomb.close();

            // Not deflate data at all
            RawWebSocket garbage = open(server.uri("ws", "/echo"));
            garbage.sendBytes(frame(new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02}));
            assertThat(garbage.awaitClose().closeCode()).isEqualTo(1007);
            garbage.close();
        }
    }

    private static RealtimeServer echoServer(boolean compression, int maxMessageBytes) {
        return RealtimeServer.builder()
                .compression(compression)
                .maxMessageBytes(maxMessageBytes)
                .websocket(Endpoints.perConnection(RealtimeServerTest.Echo.class, "/echo",
                        () -> new RealtimeServerTest.Echo("deflate")))
                .start();
    }

    private static RawWebSocket open(URI uri) throws Exception {
        RawWebSocket raw = RawWebSocket.open(uri, KEY, Map.of("Sec-WebSocket-Extensions", "permessage-deflate"));
        assertThat(raw.statusLine()).contains("101");
        assertThat(raw.header("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate");
        return raw;
    }

    /** Compresses a text as a client would (raw deflate, sync flush, the tail left off) and sends it, RSV1 set. */
    private static byte[] sendCompressed(RawWebSocket raw, String text) throws Exception {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH); n > 0;
             n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) {
            out.write(chunk, 0, n);
        }
        deflater.end();
        byte[] all = out.toByteArray();
        byte[] payload = Arrays.copyOf(all, all.length - TAIL.length);
        raw.sendBytes(frame(payload));
        return payload;
    }

    /** A final text frame with RSV1 set, masked with a key of zeros (the payload goes as it is). */
    private static byte[] frame(byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | 0x40 | RawWebSocket.TEXT);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(new byte[4]);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private static String inflate(byte[] payload) throws Exception {
        Inflater inflater = new Inflater(true);
        byte[] input = Arrays.copyOf(payload, payload.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
        inflater.setInput(input);
        byte[] out = new byte[64 * 1024];
        int n = inflater.inflate(out);
        inflater.end();
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** A Tyrus client session, what the server answered in Sec-WebSocket-Extensions, and the texts it received. */
    private static final class TyrusClient {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        volatile List<String> answeredExtensions = List.of();
        Session session;

        static TyrusClient connect(ClientManager tyrus, URI uri, boolean offerDeflate) throws Exception {
            TyrusClient client = new TyrusClient();
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .extensions(offerDeflate ? List.of(new PerMessageDeflateExtension()) : List.of())
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void afterResponse(HandshakeResponse response) {
                            List<String> answer = response.getHeaders().get("Sec-WebSocket-Extensions");
                            client.answeredExtensions = answer == null ? List.of() : answer;
                        }
                    })
                    .build();
            client.session = tyrus.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig endpointConfig) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) client.messages::add);
                }
            }, config, uri);
            return client;
        }
    }
}
