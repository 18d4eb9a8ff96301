package dev.realtimelessons.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.kit.server.Endpoints;
import dev.realtimelessons.kit.server.RealtimeServer;

@DisplayName("RealtimeServer")
class RealtimeServerTest {

    /** Answers every text message with "echo: " + the text, and says which instance served it. */
    public static final class Echo extends Endpoint {
        private final String name;

        public Echo(String name) {
            this.name = name;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class,
                    text -> session.getAsyncRemote().sendText("{\"type\":\"echo\",\"from\":\"" + name
                            + "\",\"text\":" + text + "}"));
        }
    }

    static final class Hello extends HttpHandler {
        @Override
        public void service(Request request, Response response) throws IOException {
            JsonResponses.send(response, 200, Map.of("hello", "wörld"));
        }
    }

    @Test
    @DisplayName("serves HTTP and WebSocket on one port picked by the system")
    void servesHttpAndWebSocketOnOnePort() {
        try (RealtimeServer server = RealtimeServer.builder()
                .http("/hello", new Hello())
                .websocket(Endpoints.perConnection(Echo.class, "/echo", () -> new Echo("injected")))
                .start();
             WsTestClient ws = WsTestClient.connect(server.uri("ws", "/echo"))) {

            assertThat(server.port()).isPositive();
            HttpResponse<String> hello = Http.get(server.uri("http", "/hello"));
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).contains("application/json").containsIgnoringCase("utf-8"));
            assertThat(Http.json(hello).get("hello").asText()).isEqualTo("wörld");

            ws.send("\"hi\"");
            var echo = ws.awaitMessage("echo", Duration.ofSeconds(5));
            assertThat(echo.get("text").asText()).isEqualTo("hi");
            assertThat(echo.get("from").asText()).as("the endpoint instance comes from our factory")
                    .isEqualTo("injected");
        }
    }

    @Test
    @DisplayName("answers unknown paths, and plain HTTP requests to a WebSocket path, with 404 and the course's "
            + "JSON error")
    void unknownPathsAre404() {
        try (RealtimeServer server = RealtimeServer.builder()
                .http("/hello", new Hello())
                .websocket(Endpoints.perConnection(Echo.class, "/echo", () -> new Echo("x")))
                .start()) {
            assertJsonError(Http.get(server.uri("http", "/nothing-here")), 404, "not_found", "/nothing-here");
            assertJsonError(Http.get(server.uri("http", "/echo")), 404, "not_found", "/echo");
            assertJsonError(Http.send("POST", server.uri("http", "/nothing/deeper"), "{}"), 404, "not_found",
                    "/nothing/deeper");
        }
    }

    @Test
    @DisplayName("answers a file missing from the static files with 404 and the JSON error, and serves the others")
    void missingStaticFilesAre404() {
        try (RealtimeServer server = RealtimeServer.builder()
                .http("/hello", new Hello())
                .staticFiles("/", "web/kittest")
                .start()) {
            HttpResponse<String> page = Http.get(server.uri("http", "/"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("kit test page");
            assertJsonError(Http.get(server.uri("http", "/missing.js")), 404, "not_found", "/missing.js");
            assertJsonError(Http.get(server.uri("http", "/a/b/c")), 404, "not_found", "/a/b/c");
        }
    }

    @Test
    @DisplayName("answers a handler that fails with 500 and the JSON error, without the stack trace")
    void failingHandlersAre500() {
        HttpHandler failing = new HttpHandler() {
            @Override
            public void service(Request request, Response response) {
                throw new IllegalStateException("secret internals");
            }
        };
        try (RealtimeServer server = RealtimeServer.builder().http("/fail", failing).start()) {
            HttpResponse<String> response = Http.get(server.uri("http", "/fail"));

            assertJsonError(response, 500, "server_error", "");
            assertThat(response.body()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
        }
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String code, String inMessage) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json").containsIgnoringCase("utf-8"));
        var error = Http.json(response);
        assertThat(error.get("error").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank().contains(inMessage);
        assertThat(error.size()).as("error and message, nothing else").isEqualTo(2);
    }

    @Test
    @DisplayName("refuses an endpoint class Tyrus could not call")
    void refusesNonPublicEndpoints() {
        assertThatThrownBy(() -> Endpoints.perConnection(Hidden.class, "/hidden", Hidden::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("public");
    }

    static final class Hidden extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @Test
    @DisplayName("stops listening when closed")
    void stopsListeningWhenClosed() {
        RealtimeServer server = RealtimeServer.builder().start();
        int port = server.port();
        server.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class));
    }
}
