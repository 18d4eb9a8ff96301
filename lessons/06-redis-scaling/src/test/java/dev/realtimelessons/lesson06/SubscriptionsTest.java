package dev.realtimelessons.lesson06;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step4;
import dev.realtimelessons.lesson06.broker.InMemoryBroker;

@Step4
@DisplayName("Step 4: subscriptions that follow the local clients")
class SubscriptionsTest {

    private final InMemoryBroker broker = new InMemoryBroker((channel, payload) -> { });
    private final Subscriptions subscriptions = new Subscriptions(broker);

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    @DisplayName("the first holder subscribes, and the subscription is confirmed")
    void firstHolderSubscribes() {
        CompletableFuture<Void> confirmed = subscriptions.hold("room:lobby", "c1");

        assertThat(confirmed).succeedsWithin(Duration.ofSeconds(1));
        assertThat(broker.subscriptions()).contains("room:lobby");
        assertThat(subscriptions.held()).containsExactly(Map.entry("room:lobby", 1));
    }

    @Test
    @DisplayName("the channel stays while any holder is left, and goes with the last")
    void lastHolderUnsubscribes() {
        subscriptions.hold("room:lobby", "c1");
        subscriptions.hold("room:lobby", "c2");

        subscriptions.release("room:lobby", "c1");
        assertThat(broker.subscriptions()).as("after one of two let go").contains("room:lobby");

        subscriptions.release("room:lobby", "c2");
        assertThat(broker.subscriptions()).as("after both let go").doesNotContain("room:lobby");
        assertThat(subscriptions.held()).isEmpty();
    }

    @Test
    @DisplayName("holding twice is holding once, and releasing what was not held changes nothing")
    void holdingIsIdempotent() {
        subscriptions.hold("room:lobby", "c1");
        subscriptions.hold("room:lobby", "c1");
        subscriptions.release("room:lobby", "c9");
        subscriptions.release("room:other", "c1");

        assertThat(subscriptions.held()).containsExactly(Map.entry("room:lobby", 1));
        subscriptions.release("room:lobby", "c1");
        assertThat(broker.subscriptions()).doesNotContain("room:lobby");
    }

    @Test
    @DisplayName("a closed connection lets go of all its channels, and only those nobody else holds go")
    void releaseAllOfAHolder() {
        subscriptions.hold("room:a", "c1");
        subscriptions.hold("room:b", "c1");
        subscriptions.hold("user:ada", "c1");
        subscriptions.hold("room:b", "c2");

        subscriptions.releaseAll("c1");

        assertThat(broker.subscriptions()).contains("room:b").doesNotContain("room:a", "user:ada");
        assertThat(subscriptions.held()).containsExactly(Map.entry("room:b", 1));
    }

    @Test
    @DisplayName("a channel let go and held again is subscribed again")
    void resubscribes() {
        subscriptions.hold("room:lobby", "c1");
        subscriptions.release("room:lobby", "c1");

        assertThat(subscriptions.hold("room:lobby", "c2")).succeedsWithin(Duration.ofSeconds(1));
        assertThat(broker.subscriptions()).contains("room:lobby");
    }
}
