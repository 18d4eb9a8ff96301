package dev.realtimelessons.lesson08;

import static dev.realtimelessons.lesson08.RunningNotifications.WAIT;
import static dev.realtimelessons.lesson08.RunningNotifications.awaitEvent;
import static dev.realtimelessons.lesson08.RunningNotifications.notifyUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.LocalNginx;
import dev.realtimelessons.kit.testing.SseEvent;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.lesson06.ClusterServer;

@Tag("redis")
@DisplayName("nginx in front of two servers, with a location of its own for the event stream")
class NginxSseTest {

    /** The lesson's stream location, and what the tests change in it. */
    private static final String READ_TIMEOUT = "proxy_read_timeout 1h;";
    private static final String SHORT_READ_TIMEOUT = "proxy_read_timeout 2s;";
    private static final String NO_BUFFERING = "proxy_buffering off;";
    private static final Duration FAST_HEARTBEAT = Duration.ofMillis(500);
    /** Twice the short proxy_read_timeout: without the heartbeat, nginx would end a stream quiet this long. */
    private static final Duration QUIET = Duration.ofSeconds(4);
    /** How long an event that nginx should pass on at once may take before we call it held back. */
    private static final Duration HELD_BACK = Duration.ofSeconds(2);

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    private LocalNginx nginx;

    @AfterEach
    void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    @DisplayName("a notification comes through at once, id and data intact, and a heartbeat keeps a quiet stream"
            + " open past proxy_read_timeout")
    void promptAndKeptOpenByTheHeartbeat() {
        LocalNginx.requireInstalled();
        NotificationsConfig fast = NotificationsConfig.defaults().withHeartbeat(FAST_HEARTBEAT);
        ClusterServer a = service.start(fast);
        ClusterServer b = service.start(fast);
        startNginx(List.of(a, b), config -> replaceOnce(config, READ_TIMEOUT, SHORT_READ_TIMEOUT));

        SseTestClient tab = stream("ada", null);
        assertThat(tab.header("Content-Type")).startsWith("text/event-stream");
        assertThat(tab.header("Cache-Control")).isEqualTo("no-store");
        assertThat(tab.header("X-Accel-Buffering")).as("nginx reads the server's hint and does not pass it on")
                .isEmpty();
        awaitEvent(tab, "ready");
        JsonNode posted = notifyUser(a, "ada", "Your export is ready");
        SseEvent event = awaitEvent(tab, "notification");
        JsonNode data = Json.tree(event.data());
        assertThat(event.id()).as("the event's id, the cursor a reconnect sends back")
                .startsWith(posted.get("event_id").asText() + "/");
        assertThat(data.get("id").asText()).isEqualTo(posted.get("id").asText());
        assertThat(data.get("title").asText()).isEqualTo("Your export is ready");

        int heartbeats = 0;
        long quietUntil = System.nanoTime() + QUIET.toNanos();
        while (System.nanoTime() < quietUntil) { // fails at once if nginx ends the stream
            assertThat(tab.awaitComment(WAIT)).isEqualTo("heartbeat");
            heartbeats++;
        }
        assertThat(heartbeats).as("heartbeats in %s, one every %s", QUIET, FAST_HEARTBEAT).isGreaterThan(4);
        notifyUser(b, "ada", "still there");
        SseEvent after = tab.awaitEvent(WAIT);
        assertThat(after.event()).as("the next event on the same stream, %s without one", QUIET)
                .isEqualTo("notification");
        assertThat(Json.tree(after.data()).get("title").asText()).isEqualTo("still there");
        assertThat(nginx.config()).contains("location = /sse {", NO_BUFFERING, SHORT_READ_TIMEOUT);
    }

    @Test
    @DisplayName("without a heartbeat, nginx ends a quiet stream after proxy_read_timeout: the heartbeat is what"
            + " keeps it open")
    void endedWithoutHeartbeat() {
        LocalNginx.requireInstalled();
        ClusterServer a = service.start(); // a heartbeat every 15 s: never within the test
        ClusterServer b = service.start();
        startNginx(List.of(a, b), config -> replaceOnce(config, READ_TIMEOUT, SHORT_READ_TIMEOUT));

        SseTestClient tab = stream("ada", null);
        awaitEvent(tab, "ready");
        long start = System.nanoTime();
        tab.awaitEnd(WAIT);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("nginx's 2 s without a byte from the server")
                .isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("a location with buffering on, HTTP/1.0 to the servers and their X-Accel-Buffering ignored holds"
            + " back the stream, head and events, until the server ends it")
    void bufferingHoldsEventsBack() {
        LocalNginx.requireInstalled();
        ClusterServer a = service.start();
        ClusterServer b = service.start();
        startNginx(List.of(a, b), config -> streamLocation(config, Keep.NONE));
        SseTestClient direct = service.stream(a, "ada");
        String cursor = awaitEvent(direct, "ready").id();
        notifyUser(a, "ada", "Your export is ready");

        // The server writes at once the retry: line, the missed notification and ready, a few hundred bytes; and
        // the response's head, which nginx holds with them: opening the stream waits for it, so it runs apart.
        CompletableFuture<SseTestClient> opening = CompletableFuture.supplyAsync(() -> service.rawStream(
                nginx.uri("http", "/sse"), Map.of("Authorization", "Bearer " + service.token("ada"),
                        "Last-Event-ID", cursor)));
        // The one wait that is meant to run out: through the lesson's location this takes milliseconds (the other
        // tests). It must end before SseTestClient's 5 s for the head, so that what nginx holds can still come.
        assertThat(opening).as("a stream whose bytes sit in nginx's buffer").failsWithin(HELD_BACK)
                .withThrowableOfType(TimeoutException.class);

        a.close(); // the servers end their streams, and nginx sends what it holds
        b.close();
        SseTestClient tab = opening.join();
        assertThat(tab.status()).isEqualTo(200);
        assertThat(Json.tree(awaitEvent(tab, "notification").data()).get("title").asText())
                .as("the event was in nginx's buffer all along").isEqualTo("Your export is ready");
        assertThat(tab.retries()).containsExactly(2000L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Keep.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("any one of HTTP/1.1 to the servers, proxy_buffering off and their X-Accel-Buffering passes each"
            + " event at once")
    void anyOneIsEnough(Keep kept) {
        LocalNginx.requireInstalled();
        ClusterServer a = service.start();
        ClusterServer b = service.start();
        startNginx(List.of(a, b), config -> streamLocation(config, kept));

        SseTestClient tab = stream("ada", null);
        awaitEvent(tab, "ready");
        notifyUser(a, "ada", "Your export is ready");

        SseEvent event = tab.awaitEvent(HELD_BACK); // the bound the held-back stream above does not meet
        assertThat(event.event()).isEqualTo("notification");
        assertThat(Json.tree(event.data()).get("title").asText()).isEqualTo("Your export is ready");
    }

    /** What keeps nginx from holding events back, kept one at a time (or none) in the stream's location. */
    enum Keep {
        NONE("none of the three"),
        BUFFERING_OFF("proxy_buffering off, alone"),
        SERVERS_HINT("the server's X-Accel-Buffering: no, alone"),
        CHUNKS("HTTP/1.1 to the server, alone: nginx passes each whole chunk on");

        private final String text;

        Keep(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * The lesson's configuration with its stream location changed: HTTP/1.0 to the servers (nginx's default),
     * buffering on and the server's X-Accel-Buffering ignored, except for the one kept.
     */
    private static String streamLocation(String config, Keep kept) {
        int start = config.indexOf("location = /sse {");
        int end = config.indexOf("\n    }", start);
        String location = config.substring(start, end);
        if (kept != Keep.CHUNKS) {
            location = replaceOnce(location, "proxy_http_version 1.1;", "");
            location = replaceOnce(location, "proxy_set_header Connection \"\";", "");
        }
        if (kept != Keep.BUFFERING_OFF) {
            location = replaceOnce(location, NO_BUFFERING, "proxy_buffering on;");
        }
        if (kept != Keep.SERVERS_HINT) {
            location = location + "\n        proxy_ignore_headers X-Accel-Buffering;";
        }
        return config.substring(0, start) + location + config.substring(end);
    }

    @Test
    @DisplayName("a stream reopened through nginx with its Last-Event-ID gets what it missed once, on either server")
    void resumesThroughNginx() {
        LocalNginx.requireInstalled();
        ClusterServer a = service.start();
        ClusterServer b = service.start();
        startNginx(List.of(a, b), UnaryOperator.identity());
        SseTestClient first = stream("ada", null);
        awaitEvent(first, "ready");
        notifyUser(a, "ada", "one");
        SseEvent one = awaitEvent(first, "notification");
        first.close(); // the laptop sleeps

        notifyUser(a, "ada", "two");
        notifyUser(b, "ada", "three");
        // nginx's round robin puts the two reconnects on different servers, one on each.
        SseTestClient onOne = stream("ada", one.id());
        SseTestClient onOther = stream("ada", one.id());
        List<String> seenOnOne = takeThrough(onOne, "ready");
        List<String> seenOnOther = takeThrough(onOther, "ready");
        notifyUser(b, "ada", "four");
        seenOnOne.addAll(takeThrough(onOne, "notification four"));
        seenOnOther.addAll(takeThrough(onOther, "notification four"));

        for (List<String> seen : List.of(seenOnOne, seenOnOther)) {
            assertThat(seen).as("what a resumed stream gets, in order: nothing missing, nothing twice")
                    .containsExactly("notification two", "notification three", "ready", "notification four");
        }
    }

    @Test
    @DisplayName("the page, the back ends' API, POST /sse/session and the WebSocket go through the other locations")
    void theRestThroughNginx() {
        LocalNginx.requireInstalled();
        ClusterServer a = service.start();
        ClusterServer b = service.start();
        startNginx(List.of(a, b), UnaryOperator.identity());
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + service.token("ada"));

        try (WsTestClient tab = WsTestClient.connect(nginx.uri("ws", "/ws"), bearer)) {
            assertThat(tab.awaitMessage("connected", WAIT).get("user").asText()).isEqualTo("ada");
            assertThat(Http.get(nginx.uri("http", "/")).statusCode()).as("the page").isEqualTo(200);
            HttpResponse<String> session = Http.send("POST", nginx.uri("http", "/sse/session"), null, bearer);
            assertThat(session.statusCode()).as(session.body()).isEqualTo(204);
            assertThat(session.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                    assertThat(cookie).startsWith(SseCredentials.COOKIE + "=").doesNotContain("Secure"));
            HttpResponse<String> posted = Http.send("POST", nginx.uri("http", "/api/notify/ada"),
                    Map.of("type", "info", "title", "through nginx"), RunningNotifications.API_KEY);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
            assertThat(tab.awaitMessage("notification", WAIT).get("data").get("title").asText())
                    .isEqualTo("through nginx");
        }
    }

    /** The stream's next events through one, as "name title", or the name alone for an event with no title. */
    private static List<String> takeThrough(SseTestClient client, String last) {
        List<String> seen = new ArrayList<>();
        while (seen.isEmpty() || !seen.get(seen.size() - 1).equals(last)) {
            SseEvent event = client.awaitEvent(WAIT);
            JsonNode data = Json.tree(event.data());
            seen.add(data.has("title") ? event.event() + " " + data.get("title").asText() : event.event());
        }
        return seen;
    }

    /** Opens an event stream through nginx as a user, from a cursor (null for none). */
    private SseTestClient stream(String user, String lastEventId) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + service.token(user)));
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        SseTestClient client = service.rawStream(nginx.uri("http", "/sse"), headers);
        assertThat(client.status()).as("the stream's status through nginx").isEqualTo(200);
        return client;
    }

    /** nginx with the lesson's nginx.conf, changed for the test, in front of two servers. */
    private void startNginx(List<ClusterServer> nodes, UnaryOperator<String> change) {
        nginx = LocalNginx.startWith(port -> {
            String config = replaceOnce(lessonConfig(), "server 127.0.0.1:8080;",
                    "server 127.0.0.1:" + nodes.get(0).uri("http", "").getPort() + ";");
            config = replaceOnce(config, "server 127.0.0.1:8081;",
                    "server 127.0.0.1:" + nodes.get(1).uri("http", "").getPort() + ";");
            config = replaceOnce(config, "listen 127.0.0.1:8000;", "listen 127.0.0.1:" + port + ";");
            return change.apply(config);
        });
    }

    /** Replaces a line that must be in the configuration once, so that a test cannot silently run without it. */
    private static String replaceOnce(String config, String line, String with) {
        assertThat(config).as("the lesson's nginx.conf").containsOnlyOnce(line);
        return config.replace(line, with);
    }

    /** The region of the lesson's nginx.conf that the README shows. */
    private static String lessonConfig() {
        try (InputStream in = NginxSseTest.class.getResourceAsStream("/lesson08/nginx.conf")) {
            String file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return file.substring(file.indexOf("# tag::nginx[]"), file.indexOf("# end::nginx[]"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
