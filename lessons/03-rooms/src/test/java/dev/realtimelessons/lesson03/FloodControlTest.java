package dev.realtimelessons.lesson03;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step1;

@Step1
@DisplayName("Step 1: flood control with a token bucket")
class FloodControlTest {

    @RegisterExtension
    final RunningRoomsServer server = new RunningRoomsServer(
            RoomsConfig.forTests().withFloodControl(10, 0.001, 30)); // 10 at once, then (almost) nothing

    private final AtomicLong now = new AtomicLong();

    @Test
    @DisplayName("a full bucket allows a burst of its capacity, then refuses")
    void allowsABurst() {
        TokenBucket bucket = new TokenBucket(3, 1, now::get);

        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    @DisplayName("refills at its rate, never above its capacity")
    void refillsAtItsRate() {
        TokenBucket bucket = new TokenBucket(2, 4, now::get); // 4 tokens per second: one every 250 ms
        bucket.tryTake();
        bucket.tryTake();

        now.addAndGet(249_000_000);
        assertThat(bucket.tryTake()).as("after 249 ms").isFalse();
        now.addAndGet(1_000_000);
        assertThat(bucket.tryTake()).as("after 250 ms").isTrue();

        now.addAndGet(60_000_000_000L); // a quiet minute
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).as("a minute refills only up to the capacity").isFalse();
    }

    @Test
    @DisplayName("a burst over the allowance gets rate_limited errors, and the connection stays open")
    void refusesWithRateLimited() {
        WsTestClient ada = server.connect("ada");

        for (int i = 0; i < 15; i++) {
            ada.send(Map.of("type", "ping", "id", i));
        }

        for (int i = 0; i < 10; i++) {
            assertThat(ada.awaitMessage("pong", RunningRoomsServer.WAIT).get("id").asInt()).isEqualTo(i);
        }
        for (int i = 10; i < 15; i++) {
            var error = ada.awaitMessage("error", RunningRoomsServer.WAIT);
            assertThat(error.get("code").asText()).isEqualTo("rate_limited");
            assertThat(error.get("id").asInt()).isEqualTo(i);
        }
        assertThat(ada.closeStatus()).isEmpty();
    }

    @Test
    @DisplayName("a client that keeps sending while refused is closed with 1008")
    void closesAFloodingClient() {
        WsTestClient ada = server.connect("ada");

        for (int i = 0; i < 10 + 30; i++) { // 10 allowed, then the 30th refused in a row closes
            ada.send("{\"type\":\"ping\"}");
        }

        WsTestClient.CloseStatus status = ada.awaitClose(RunningRoomsServer.WAIT);
        assertThat(status.code()).isEqualTo(1008);
        assertThat(status.reason()).contains("flooding");
    }

    @Test
    @DisplayName("a flooding client gets every answer it was owed, the last refusal's included, before the close")
    void answersEverythingBeforeTheFloodClose() {
        WsTestClient ada = server.connect("ada");

        for (int i = 0; i < 10 + 30; i++) {
            ada.send(Map.of("type", "ping", "id", i));
        }

        assertThat(ada.awaitClose(RunningRoomsServer.WAIT).code()).isEqualTo(1008);
        List<JsonNode> answers = ada.received().stream().map(Json::tree)
                .filter(message -> message.has("id")).toList();
        assertThat(answers).extracting(answer -> answer.get("id").asInt())
                .as("one answer per request, in order").containsExactlyElementsOf(
                        IntStream.range(0, 40).boxed().toList());
        assertThat(answers.subList(10, 40)).extracting(answer -> answer.get("code").asText())
                .containsOnly("rate_limited");
    }
}
