package dev.realtimelessons.kit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandshakeGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final CountingEndpoint.Opened opened = new CountingEndpoint.Opened();

    private final HandshakeGuard onlyAda = handshake -> handshake.parameter("user")
            .filter("ada"::equals)
            .<HandshakeVerdict>map(HandshakeVerdict::accept)
            .orElse(HandshakeVerdict.reject(401, "unauthorized", "only ada may connect"));

    private RealtimeServer start(HandshakeGuard guard, ServerEndpointConfig.Configurator configurator) {
        ServerEndpointConfig config = Endpoints.perConnection(CountingEndpoint.class, "/ws",
                () -> new CountingEndpoint(opened));
        if (configurator != null) {
            config = ServerEndpointConfig.Builder.create(CountingEndpoint.class, "/ws")
                    .configurator(configurator).build();
        }
        RealtimeServer.Builder builder = RealtimeServer.builder().websocket(config);
        return guard == null ? builder.start() : builder.guard(guard).start();
    }

    @Test
    @DisplayName("an accepted upgrade opens a session that carries the guard's principal")
    void acceptedCarriesPrincipal() {
        try (RealtimeServer server = start(onlyAda, null)) {
            WebSocket socket = connect(server.uri("ws", "/ws?user=ada"));
            await("onOpen of ada's session").atMost(WAIT).until(() -> !opened.principals.isEmpty());
            assertThat(opened.principals).containsExactly("ada");
            socket.abort();
        }
    }

    @Test
    @DisplayName("a rejected upgrade gets the guard's status and JSON body, and no session is ever opened")
    void rejectedNeverOpens() throws IOException {
        try (RealtimeServer server = start(onlyAda, null)) {
            assertThat(refusedStatus(server.uri("ws", "/ws?user=eve"))).isEqualTo(401);

            String answer = rawUpgrade(server, "/ws?user=eve", "");
            assertThat(answer).startsWith("HTTP/1.1 401").contains("WWW-Authenticate: Bearer")
                    .contains("Content-Type: application/json;charset=utf-8")
                    .endsWith("{\"error\":\"unauthorized\",\"message\":\"only ada may connect\"}");
            // A later, accepted session proves the server was reachable all along, and is the only one opened.
            WebSocket ada = connect(server.uri("ws", "/ws?user=ada"));
            await("onOpen of ada's session").atMost(WAIT).until(() -> !opened.principals.isEmpty());
            assertThat(opened.principals).containsExactly("ada");
            ada.abort();
        }
    }

    @Test
    @DisplayName("a guard that throws refuses the upgrade with 500: nothing gets through unchecked")
    void failingGuardRefuses() throws IOException {
        try (RealtimeServer server = start(handshake -> {
            throw new IllegalStateException("not written yet");
        }, null)) {
            String answer = rawUpgrade(server, "/ws", "");
            assertThat(answer).startsWith("HTTP/1.1 500")
                    .endsWith("{\"error\":\"server_error\",\"message\":\"not written yet\"}");
            assertThat(opened.principals).isEmpty();
        }
    }

    @Test
    @DisplayName("a guard's secret parameters are gone from the request before Tyrus sees it")
    void secretParametersAreRemoved() {
        HandshakeGuard tokenGuard = new HandshakeGuard() {
            @Override
            public HandshakeVerdict check(Handshake handshake) {
                return HandshakeVerdict.accept(handshake.parameter("token").orElse("no token"));
            }

            @Override
            public java.util.Set<String> secretParameters() {
                return java.util.Set.of("token");
            }
        };
        try (RealtimeServer server = start(tokenGuard, null)) {
            WebSocket socket = connect(server.uri("ws", "/ws?room=lobby&token=s3cr%C3%A9t&x=1"));
            await("onOpen").atMost(WAIT).until(() -> !opened.principals.isEmpty());
            assertThat(opened.principals).as("the guard saw it, decoded").containsExactly("s3cr\u00e9t");
            assertThat(opened.queries).as("the session did not").containsExactly("room=lobby&x=1");
            socket.abort();
        }
    }

    @Test
    @DisplayName("a client cannot smuggle in a principal through the guard's own header")
    void smuggledHandleIsRemoved() throws IOException {
        try (RealtimeServer server = start(handshake -> HandshakeVerdict.accept(
                handshake.header(AcceptedHandshakes.HEADER).orElse("no handle from the client")), null)) {
            String answer = rawUpgrade(server, "/ws", AcceptedHandshakes.HEADER + ": forged\r\n");
            assertThat(answer).startsWith("HTTP/1.1 101");
            await("onOpen").atMost(WAIT).until(() -> !opened.principals.isEmpty());
            assertThat(opened.principals).containsExactly("no handle from the client");
        }
    }

    @Test
    @DisplayName("without a guard, a 401 set in modifyHandshake still opens a session: Tyrus counts it as an upgrade")
    void tyrusTreats401AsUpgrade() {
        ServerEndpointConfig.Configurator answers401 = new ServerEndpointConfig.Configurator() {
            @Override
            public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                        HandshakeResponse response) {
                ((TyrusUpgradeResponse) response).setStatus(401);
            }

            @Override
            public <T> T getEndpointInstance(Class<T> type) {
                return type.cast(new CountingEndpoint(opened));
            }
        };
        try (RealtimeServer server = start(null, answers401)) {
            // The JDK client waits for a body the 401 never gets, until its timeout; the session is open meanwhile.
            assertThatThrownBy(() -> connect(server.uri("ws", "/ws?user=eve"))).isInstanceOf(CompletionException.class);
            await("the onOpen Tyrus calls although it answered 401").atMost(WAIT)
                    .until(() -> !opened.principals.isEmpty());
        }
    }

    private static WebSocket connect(URI uri) {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(uri, new WebSocket.Listener() { }).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    private static int refusedStatus(URI uri) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> connect(uri));
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
        }
        throw new AssertionError("expected the handshake to be refused, got " + failure);
    }

    private static String rawUpgrade(RealtimeServer server, String target, String extraHeaders) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            if (extraHeaders.isEmpty()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8); // the server closes after a refusal
            }
            byte[] head = new byte[12];
            int read = in.readNBytes(head, 0, head.length);
            return new String(head, 0, read, StandardCharsets.US_ASCII);
        }
    }
}
