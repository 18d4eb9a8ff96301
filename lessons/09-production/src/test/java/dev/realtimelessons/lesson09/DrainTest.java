package dev.realtimelessons.lesson09;

import static dev.realtimelessons.lesson09.RunningProduction.API_KEY;
import static dev.realtimelessons.lesson09.RunningProduction.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.SseTestClient;
import dev.realtimelessons.kit.testing.WsTestClient;

@Tag("postgres")
@Tag("redis")
@DisplayName("A draining server")
class DrainTest {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final int BATCHES = 4;
    private static final long SLICE_MS = WINDOW.toMillis() / BATCHES;
    private static final Pattern HINT = Pattern.compile("reconnect after (\\d+) ms");

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningProduction service = new RunningProduction(redis, postgres);

    @Test
    @DisplayName("turns unready at once, refuses new clients with 503 and Retry-After, moves its clients in batches"
            + " with 1012 and a hint, and returns once they are gone")
    void drains() throws Exception {
        ProductionServer a = service.start(ProductionConfig.defaults().withDrain(WINDOW, BATCHES), 0);
        List<WsTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(service.connect(a, "user" + i));
        }
        SseTestClient stream = sse(a, "sam");
        assertThat(stream.status()).as("the stream before the drain").isEqualTo(200);

        long start = System.nanoTime();
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> drain(a));

        await("/ready turns 503").atMost(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Http.get(a.uri("http", "/ready")).statusCode()).isEqualTo(503));
        assertThat(Http.json(Http.get(a.uri("http", "/ready"))).get("checks").get("draining").asText())
                .isEqualTo("yes");
        HttpResponse<String> upgrade = refusedUpgrade(a.uri("ws", "/ws"), service.token("late"));
        assertThat(upgrade.statusCode()).as("a new WebSocket").isEqualTo(503);
        assertThat(upgrade.headers().firstValue("Retry-After")).as("a new WebSocket's Retry-After").isPresent();
        SseTestClient late = sse(a, "late");
        assertThat(late.status()).as("a new event stream").isEqualTo(503);
        assertThat(late.header("Retry-After")).as("a new event stream's Retry-After").isNotBlank();

        Map<WsTestClient, Long> closedAt = new ConcurrentHashMap<>();
        await("every client closed").atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
            clients.stream().filter(client -> !closedAt.containsKey(client) && client.closeStatus().isPresent())
                    .forEach(client -> closedAt.put(client, millisSince(start)));
            return closedAt.size() == clients.size();
        });
        stream.awaitEnd(WAIT);
        assertThat(drained.get(WINDOW.plus(Drainer.GRACE).toSeconds() + 5, TimeUnit.SECONDS))
                .as("every connection went within the window").isTrue();
        long took = millisSince(start);

        for (WsTestClient client : clients) {
            WsTestClient.CloseStatus close = client.closeStatus().orElseThrow();
            assertThat(close.code()).as("the close code").isEqualTo(DrainPlan.CLOSE_CODE);
            Matcher hint = HINT.matcher(close.reason());
            assertThat(hint.matches()).as("the reason '%s'", close.reason()).isTrue();
            assertThat(Long.parseLong(hint.group(1))).as("the hint, within a slice").isBetween(0L, SLICE_MS - 1);
        }
        List<Long> times = closedAt.values().stream().sorted().toList();
        System.out.println("closes, ms after the drain started: " + times + "; drain() returned after " + took);
        assertThat(times.get(0)).as("the first batch at once").isLessThan(SLICE_MS);
        assertThat(times.get(times.size() - 1)).as("the last batch late in the window")
                .isGreaterThanOrEqualTo(SLICE_MS * (BATCHES - 1));
        assertThat(took).as("drain() returned once they were gone").isLessThan(WINDOW.plus(Drainer.GRACE).toMillis());
    }

    @Test
    @DisplayName("starts on POST /api/drain, with an API key: 202 at once; without credentials 401")
    void adminCall() {
        ProductionServer a = service.start(ProductionConfig.defaults().withDrain(WINDOW, BATCHES), 0);
        WsTestClient ada = service.connect(a, "ada");

        HttpResponse<String> anonymous = Http.send("POST", a.uri("http", "/api/drain"), null, Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Http.get(a.uri("http", "/ready")).statusCode()).as("/ready after a refused call").isEqualTo(200);

        HttpResponse<String> accepted = Http.send("POST", a.uri("http", "/api/drain"), null, API_KEY);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(Http.json(accepted).get("draining").asBoolean()).isTrue();
        assertThat(Http.get(a.uri("http", "/ready")).statusCode()).isEqualTo(503);
        assertThat(ada.awaitClose(WAIT).code()).isEqualTo(DrainPlan.CLOSE_CODE);
        assertThat(Http.send("GET", a.uri("http", "/api/drain"), null, API_KEY).statusCode()).isEqualTo(405);
    }

    private SseTestClient sse(ProductionServer node, String user) {
        SseTestClient client = SseTestClient.connect(node.uri("http", "/sse"),
                Map.of("Authorization", "Bearer " + service.token(user)));
        service.closeAfter(client);
        return client;
    }

    private static boolean drain(ProductionServer node) {
        try {
            return node.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An upgrade the server must refuse: its HTTP answer. */
    private static HttpResponse<String> refusedUpgrade(URI uri, String token) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(uri, new WebSocket.Listener() { }).join().abort();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                @SuppressWarnings("unchecked")
                HttpResponse<String> response = (HttpResponse<String>) refused.getResponse();
                return response;
            }
            throw e;
        }
        throw new AssertionError("the upgrade was accepted");
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
