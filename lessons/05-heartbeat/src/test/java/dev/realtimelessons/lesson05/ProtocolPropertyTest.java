package dev.realtimelessons.lesson05;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.WsTestClient.CloseStatus;
import dev.realtimelessons.lesson04.AuthServerConfig;

/**
 * The whole protocol against random and mutated frames: whatever a client sends, it gets only answers that
 * PROTOCOL.md documents, at most one answer per request {@code id}, and the same connection still answers a
 * {@code ping} afterwards, unless a documented limit closed it.
 *
 * <p>A property, not examples: jqwik draws the frames (requests with random types, fields and values, JSON that
 * is not an object, truncated and concatenated objects, deep nesting, huge and exotic numbers, text that is no
 * JSON at all) and, on a failure, shrinks the frame to a small one that still fails.
 */
@Label("The protocol, against random and mutated frames")
class ProtocolPropertyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** The server messages of PROTOCOL.md, "Server to client". */
    private static final Set<String> SERVER_TYPES = Set.of("connected", "pong", "ack", "error", "stats", "direct",
            "notification", "message", "members", "joined", "left", "typing");
    /** The error codes of PROTOCOL.md, "Errors". */
    private static final Set<String> ERROR_CODES = Set.of("malformed_json", "unknown_type", "invalid_field",
            "message_too_large", "invalid_room", "not_a_member", "rate_limited", "not_found", "not_authorized",
            "invalid_token", "unavailable");
    /** Documented closes a single text frame may cause: too large, policy (flooding), logged out. */
    private static final Set<Integer> LIMIT_CLOSES = Set.of(1008, 1009, 4002);

    private static HeartbeatServer server;
    private static final AtomicLong probes = new AtomicLong();

    @BeforeContainer
    static void startServer() {
        server = HeartbeatServer.start(AuthServerConfig.forTests(), HeartbeatConfig.defaults());
    }

    @AfterContainer
    static void stopServer() {
        server.close();
    }

    @Property(tries = 300)
    @Label("every frame gets documented answers only, and the connection still answers a ping")
    void onlyDocumentedAnswers(@ForAll("frames") String frame) throws Exception {
        try (WsTestClient client = connect()) {
            client.awaitMessage("connected", WAIT);
            int before = client.received().size();
            client.send(frame);
            String probe = "probe-" + probes.incrementAndGet();
            boolean probed = trySend(client, "{\"type\":\"ping\",\"id\":\"" + probe + "\"}");

            CloseStatus closed = probed ? awaitPongOrClose(client, probe) : client.awaitClose(WAIT);
            List<String> answers = client.received().subList(before, client.received().size()).stream()
                    .filter(answer -> !isPong(tryParse(answer), probe)).toList();
            for (String answer : answers) {
                assertDocumented(answer, frame);
            }
            if (closed != null) {
                assertThat(LIMIT_CLOSES).as("the close after %s", abbreviate(frame)).contains(closed.code());
                return;
            }
            JsonNode sent = strictParse(frame);
            if (sent == null || !sent.isObject()) {
                assertThat(answers).as("the answers to %s, which is not one JSON object", abbreviate(frame))
                        .singleElement().satisfies(answer -> assertThat(tryParse(answer).path("code").asText())
                                .isEqualTo("malformed_json"));
            } else if (isUsableId(sent.path("id")) && !"logout".equals(sent.path("type").asText())) {
                long sameId = answers.stream().map(ProtocolPropertyTest::tryParse)
                        .filter(a -> a != null && sameId(sent.get("id"), a.get("id"))).count();
                assertThat(sameId).as("answers carrying the id of %s", abbreviate(frame)).isEqualTo(1);
            }
        }
    }

    /** Ids match as the client sent them: a string as a string, a whole number as the same number. */
    private static boolean sameId(JsonNode sent, JsonNode answered) {
        return answered != null && (sent.isTextual() ? answered.isTextual() && sent.asText().equals(answered.asText())
                : answered.isIntegralNumber() && sent.bigIntegerValue().equals(answered.bigIntegerValue()));
    }

    private static WsTestClient connect() {
        URI uri = server.uri("ws", "/ws");
        String token = server.auth().issuer().issue("prop", Set.of(), Set.of());
        return WsTestClient.connect(uri, Map.of("Authorization", "Bearer " + token));
    }

    /**
     * Sends a frame; false if the server had already closed the connection (a limit can close it before the
     * next frame leaves, and the client's output is then closed).
     */
    private static boolean trySend(WsTestClient client, String text) {
        try {
            client.send(text);
            return true;
        } catch (AssertionError e) {
            if (e.getCause() instanceof IOException) {
                return false;
            }
            throw e;
        }
    }

    /** Waits for the probe's pong; returns the close status if the server closed the connection instead. */
    private static CloseStatus awaitPongOrClose(WsTestClient client, String probe) {
        await("the pong of " + probe + ", or a close").atMost(WAIT).pollInterval(Duration.ofMillis(2))
                .until(() -> hasPong(client, probe) || client.closeStatus().isPresent());
        return hasPong(client, probe) ? null : client.closeStatus().orElseThrow();
    }

    private static boolean hasPong(WsTestClient client, String probe) {
        return client.received().stream().anyMatch(text -> isPong(tryParse(text), probe));
    }

    private static boolean isPong(JsonNode message, String probe) {
        return message != null && "pong".equals(message.path("type").asText()) && probe.equals(message.path("id").asText());
    }

    private static void assertDocumented(String answer, String frame) {
        JsonNode message = tryParse(answer);
        assertThat(message != null && message.isObject())
                .as("an answer to %s that is no JSON object: %s", abbreviate(frame), answer).isTrue();
        assertThat(SERVER_TYPES).as("the type of %s, an answer to %s", answer, abbreviate(frame))
                .contains(message.path("type").asText());
        if ("error".equals(message.path("type").asText())) {
            assertThat(ERROR_CODES).as("the code of %s, an answer to %s", answer, abbreviate(frame))
                    .contains(message.path("code").asText());
        }
    }

    /** PROTOCOL.md: an id is a string or a whole number. */
    private static boolean isUsableId(JsonNode id) {
        return id.isTextual() || id.isIntegralNumber();
    }

    /** One JSON value and nothing after it, within Jackson's default limits, or null. */
    private static JsonNode strictParse(String text) {
        try {
            return STRICT.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode tryParse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviate(String frame) {
        return frame.length() <= 200 ? frame : frame.substring(0, 200) + "...(" + frame.length() + " chars)";
    }

    // ---- the frames ----

    @Provide
    Arbitrary<String> frames() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, requests()),
                Tuple.of(2, jsonValue(3)),
                Tuple.of(2, requests().flatMap(r -> Arbitraries.integers().between(0, r.length() - 1)
                        .map(cut -> r.substring(0, cut)))),
                Tuple.of(2, Combinators.combine(requests(), requests()).as((a, b) -> a + b)),
                Tuple.of(1, Arbitraries.integers().between(1, 3000)
                        .map(n -> "{\"type\":\"publish\",\"room\":\"r\",\"data\":" + "[".repeat(n) + "]".repeat(n) + "}")),
                Tuple.of(1, Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n))),
                Tuple.of(2, hugeNumbers().map(n -> "{\"type\":\"publish\",\"id\":1,\"room\":\"r\",\"data\":" + n + "}")),
                Tuple.of(1, hugeNumbers().map(n -> "{\"type\":\"ping\",\"id\":" + n + "}")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(60)));
    }

    /** Requests with known and unknown types, and fields of every JSON type, some missing. */
    private static Arbitrary<String> requests() {
        Arbitrary<String> type = Arbitraries.oneOf(
                Arbitraries.of("ping", "stats", "direct", "join", "leave", "publish", "typing", "refresh", "logout")
                        .map(ProtocolPropertyTest::quote),
                jsonValue(1));
        Arbitrary<String> field = Arbitraries.of("id", "room", "data", "to", "since", "epoch", "token",
                "exclude_self", "x");
        Arbitrary<String> value = Arbitraries.oneOf(jsonValue(2),
                Arbitraries.of("lobby", "r", "", " ", "private:team", "a b", "x".repeat(65), "bob", "prop")
                        .map(ProtocolPropertyTest::quote),
                Arbitraries.longs().map(String::valueOf));
        Arbitrary<String> fields = Combinators.combine(field, value).as((f, v) -> quote(f) + ":" + v)
                .list().ofMaxSize(5).map(list -> String.join(",", list));
        return Combinators.combine(type, fields).as((t, f) -> "{\"type\":" + t + (f.isEmpty() ? "" : "," + f) + "}");
    }

    /** Any JSON value, as text, nested up to a depth. */
    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(ProtocolPropertyTest::quote),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "0.1", "-0", "1E+2", "0.1000000000000000000001", "1e-7"),
                hugeNumbers());
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<String> array = jsonValue(depth - 1).list().ofMaxSize(4)
                .map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.strings().ofMaxLength(8), jsonValue(depth - 1))
                .as((k, v) -> quote(k) + ":" + v).list().ofMaxSize(4)
                .map(entries -> "{" + String.join(",", entries) + "}");
        return Arbitraries.oneOf(scalar, array, object);
    }

    private static Arbitrary<String> hugeNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 3000).map(n -> "9".repeat(n)),
                Arbitraries.integers().between(1, 2000).map(n -> "1" + "0".repeat(n) + ".5"),
                Arbitraries.of("1e400", "-1e400", "1e-400", "123456789012345678901234567890", "1E999999999"));
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
