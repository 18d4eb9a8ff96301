package dev.realtimelessons.kit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.json.Json;

class RequestHeadLimitTest {

    private static final int LIMIT = RealtimeServer.DEFAULT_MAX_REQUEST_HEAD_BYTES;

    private final CountingEndpoint.Opened opened = new CountingEndpoint.Opened();

    /** Refuses every handshake, saying how long a credential it saw: proof that the request reached it. */
    private final HandshakeGuard measuring = handshake -> HandshakeVerdict.reject(401, "seen",
            "authorization " + handshake.header("Authorization").map(String::length).orElse(0)
                    + ", token " + handshake.parameter("token").map(String::length).orElse(0));

    private RealtimeServer server;

    private RealtimeServer start(RealtimeServer.Builder builder) {
        server = builder.websocket(Endpoints.perConnection(CountingEndpoint.class, "/ws",
                        () -> new CountingEndpoint(opened)))
                .guard(measuring)
                .http("/hello", new HttpHandler() {
                    @Override
                    public void service(Request request, Response response) throws IOException {
                        response.getWriter().write("hello");
                    }
                })
                .start();
        return server;
    }

    private RealtimeServer start() {
        return start(RealtimeServer.builder());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("a credential of 8 KB and one of 12 KB, past Grizzly's own limit of 8 KB, reach the guard")
    void credentialsPastGrizzlysDefaultReachTheGuard() {
        start();
        for (int size : new int[] {8 * 1024, 12 * 1024}) {
            try (RawHttp header = RawHttp.send(server.port(),
                    RawHttp.upgrade("/ws", "Authorization: Bearer " + "a".repeat(size) + "\r\n"));
                 RawHttp query = RawHttp.send(server.port(), RawHttp.upgrade("/ws?token=" + "b".repeat(size), ""))) {
                assertThat(header.status()).as("%d bytes in the header", size).isEqualTo(401);
                assertThat(error(header.body()).path("message").asText()).contains("authorization " + (size + 7));
                assertThat(query.status()).as("%d bytes in the query", size).isEqualTo(401);
                assertThat(error(query.body()).path("message").asText()).contains("token " + size);
            }
        }
        assertThat(opened.principals).isEmpty();
    }

    @Test
    @DisplayName("a header that takes the request head past the limit gets 431 with the course's JSON error, and the"
            + " connection is closed")
    void headerPastTheLimit() {
        start();
        try (RawHttp answer = RawHttp.send(server.port(),
                RawHttp.upgrade("/ws", "Authorization: Bearer " + "a".repeat(LIMIT + 1024) + "\r\n"))) {
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.reason()).isEqualTo("Request Header Fields Too Large");
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            assertThat(answer.header("Connection")).isEqualTo("close");
            JsonNode body = error(answer.body());
            assertThat(body.path("error").asText()).isEqualTo("request_header_too_large");
            assertThat(body.path("message").asText()).contains(Integer.toString(LIMIT));
            assertThat(answer.closedByServer()).isTrue();
        }
        assertThat(opened.principals).isEmpty();
    }

    @Test
    @DisplayName("a request line past the limit (a huge ?token=) gets the same 431")
    void requestLinePastTheLimit() {
        start();
        try (RawHttp answer = RawHttp.send(server.port(), RawHttp.upgrade("/ws?token=" + "b".repeat(LIMIT + 1024),
                ""))) {
            assertThat(answer.status()).isEqualTo(431);
            assertThat(error(answer.body()).path("error").asText()).isEqualTo("request_header_too_large");
        }
    }

    @Test
    @DisplayName("a huge header (1 MiB) gets the 431 too: the server stops reading at the limit")
    void hugeHeader() {
        start();
        try (RawHttp answer = RawHttp.send(server.port(),
                RawHttp.upgrade("/ws", "X-Junk: " + "j".repeat(1024 * 1024) + "\r\n"))) {
            assertThat(answer.status()).isEqualTo(431);
            assertThat(error(answer.body()).path("error").asText()).isEqualTo("request_header_too_large");
        }
    }

    @Test
    @DisplayName("more headers than the server accepts (100) get 431")
    void tooManyHeaders() {
        start();
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            headers.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
        }
        try (RawHttp answer = RawHttp.send(server.port(), RawHttp.upgrade("/ws", headers.toString()))) {
            assertThat(answer.status()).isEqualTo(431);
            assertThat(error(answer.body()).path("error").asText()).isEqualTo("request_header_too_large");
        }
    }

    @Test
    @DisplayName("a plain HTTP request past the limit gets the same 431, and one within it is served")
    void plainHttp() {
        start();
        try (RawHttp answer = RawHttp.send(server.port(), "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: "
                + "j".repeat(LIMIT + 1024) + "\r\n\r\n")) {
            assertThat(answer.status()).isEqualTo(431);
            assertThat(error(answer.body()).path("error").asText()).isEqualTo("request_header_too_large");
        }
        try (RawHttp answer = RawHttp.send(server.port(), "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: "
                + "j".repeat(LIMIT / 2) + "\r\nConnection: close\r\n\r\n")) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("hello");
        }
    }

    @Test
    @DisplayName("a request Grizzly cannot parse gets 400 with the course's JSON error instead of an empty body")
    void malformedRequest() {
        start();
        try (RawHttp answer = RawHttp.send(server.port(),
                "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: many\r\n\r\n")) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            assertThat(error(answer.body()).path("error").asText()).isEqualTo("bad_request");
        }
    }

    @Test
    @DisplayName("the limit is the builder's: with 4 KiB, a 3 KB credential reaches the guard and a 5 KB one gets 431")
    void configuredLimit() {
        start(RealtimeServer.builder().maxRequestHeadBytes(4 * 1024));
        try (RawHttp answer = RawHttp.send(server.port(),
                RawHttp.upgrade("/ws", "Authorization: Bearer " + "a".repeat(3 * 1024) + "\r\n"))) {
            assertThat(answer.status()).isEqualTo(401);
        }
        try (RawHttp answer = RawHttp.send(server.port(),
                RawHttp.upgrade("/ws", "Authorization: Bearer " + "a".repeat(5 * 1024) + "\r\n"))) {
            assertThat(answer.status()).isEqualTo(431);
            assertThat(error(answer.body()).path("message").asText()).contains("4096");
        }
    }

    @Test
    @DisplayName("a limit below 1 KiB is refused: no browser handshake would fit")
    void limitValidated() {
        assertThatThrownBy(() -> RealtimeServer.builder().maxRequestHeadBytes(512))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
    }

    private static JsonNode error(String body) {
        return Json.tree(body);
    }
}
