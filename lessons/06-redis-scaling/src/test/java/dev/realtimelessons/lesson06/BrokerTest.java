package dev.realtimelessons.lesson06;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import redis.clients.jedis.DefaultJedisClientConfig;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.lesson06.broker.Broker;
import dev.realtimelessons.lesson06.broker.InMemoryBroker;
import dev.realtimelessons.lesson06.broker.RedisBroker;

/**
 * The broker's contract, for both implementations: two brokers stand for two servers.
 */
@Tag("redis")
@DisplayName("The broker, in memory and on Redis")
class BrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    private final List<Broker> brokers = new CopyOnWriteArrayList<>();
    private final List<String> heardByB = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        brokers.forEach(Broker::close);
    }

    static Stream<Arguments> kinds() {
        InMemoryBroker.Hub hub = new InMemoryBroker.Hub();
        return Stream.of(
                Arguments.of("in memory", (BiFunction<String, Broker.Listener, Broker>) (name, listener) ->
                        new InMemoryBroker(hub, listener)),
                Arguments.of("Redis", (BiFunction<String, Broker.Listener, Broker>) (name, listener) -> {
                    RedisBroker broker = new RedisBroker(REDIS.redis().hostAndPort(),
                            DefaultJedisClientConfig.builder().build(), name, REDIS.namespace() + "home",
                            Duration.ofMillis(100), listener);
                    try {
                        assertThat(broker.awaitConnected(WAIT)).as("connected to Redis").isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return broker;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName("a confirmed subscription gets what is published after it, in order, and the count says who got it")
    void publishAndSubscribe(String kind, BiFunction<String, Broker.Listener, Broker> start) {
        Broker a = open(start, "a", (channel, payload) -> { });
        Broker b = open(start, "b", (channel, payload) -> heardByB.add(channel + " " + payload));
        String room = REDIS.namespace() + "room:lobby";

        assertThat(b.subscribe(List.of(room))).succeedsWithin(WAIT);
        assertThat(a.publish(room, "one")).as("receivers").isEqualTo(1);
        a.publish(room, "two");
        a.publish(REDIS.namespace() + "room:other", "not for b");

        await("b to hear both").atMost(WAIT).until(() -> heardByB.size() == 2);
        assertThat(heardByB).containsExactly(room + " one", room + " two");
        assertThat(b.subscriptions()).contains(room);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName("after an unsubscribe nothing more arrives, and nobody is counted")
    void unsubscribe(String kind, BiFunction<String, Broker.Listener, Broker> start) {
        Broker a = open(start, "a", (channel, payload) -> { });
        Broker b = open(start, "b", (channel, payload) -> heardByB.add(payload));
        String room = REDIS.namespace() + "room:lobby";
        assertThat(b.subscribe(List.of(room))).succeedsWithin(WAIT);
        a.publish(room, "before");
        await("b to hear the first").atMost(WAIT).until(() -> heardByB.size() == 1);

        b.unsubscribe(List.of(room));
        await("the unsubscribe to take effect").atMost(WAIT).until(() -> a.publish(room, "probe") == 0);
        a.publish(room, "after");
        assertThat(b.subscribe(List.of(REDIS.namespace() + "room:marker"))).succeedsWithin(WAIT);
        a.publish(REDIS.namespace() + "room:marker", "marker"); // after "after", on the same path to b

        await("the marker").atMost(WAIT).until(() -> heardByB.contains("marker"));
        assertThat(heardByB).startsWith("before").endsWith("marker").doesNotContain("after");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @DisplayName("what is published without waiting arrives in the order it was given, each once")
    void publishLaterKeepsOrder(String kind, BiFunction<String, Broker.Listener, Broker> start) {
        Broker a = open(start, "a", (channel, payload) -> { });
        Broker b = open(start, "b", (channel, payload) -> heardByB.add(payload));
        String room = REDIS.namespace() + "room:lobby";
        assertThat(b.subscribe(List.of(room))).succeedsWithin(WAIT);

        int count = 2_000;
        for (int i = 0; i < count; i++) {
            a.publishLater(room, Integer.toString(i)); // returns at once: batches leave while this goes on
        }

        await("b to hear every one").atMost(WAIT).until(() -> heardByB.size() >= count);
        assertThat(heardByB).as("in the order given, each once")
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(Integer::toString).toList());
    }

    private Broker open(BiFunction<String, Broker.Listener, Broker> start, String name, Broker.Listener listener) {
        Broker broker = start.apply(REDIS.namespace() + name, listener);
        brokers.add(broker);
        return broker;
    }
}
