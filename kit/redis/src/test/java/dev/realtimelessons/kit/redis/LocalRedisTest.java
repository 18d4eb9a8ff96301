package dev.realtimelessons.kit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.XAddParams;

@Tag("redis")
@DisplayName("A real Redis for the lessons")
class LocalRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    @Test
    @DisplayName("answers PING, keeps keys, and streams with a bounded length")
    void realRedis() {
        try (Jedis jedis = REDIS.redis().connect()) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            String stream = REDIS.namespace() + "stream";
            for (int i = 1; i <= 5; i++) {
                jedis.xadd(stream, XAddParams.xAddParams().maxLen(3), Map.of("n", Integer.toString(i)));
            }
            assertThat(jedis.xlen(stream)).isEqualTo(3);
            assertThat(jedis.xrange(stream, (StreamEntryID) null, null)).extracting(e -> e.getFields().get("n"))
                    .containsExactly("3", "4", "5");
        }
    }

    @Test
    @DisplayName("delivers a PUBLISH to a subscriber")
    void pubSub() throws InterruptedException {
        List<String> received = new CopyOnWriteArrayList<>();
        String channel = REDIS.namespace() + "room";
        JedisPubSub subscriber = new JedisPubSub() {
            @Override
            public void onMessage(String from, String message) {
                received.add(message);
            }
        };
        Thread listening = new Thread(() -> {
            try (Jedis jedis = REDIS.redis().connect()) {
                jedis.subscribe(subscriber, channel); // blocks until unsubscribed
            }
        });
        listening.start();
        try (Jedis publisher = REDIS.redis().connect()) {
            await("the subscription").atMost(WAIT).until(() -> subscriber.getSubscribedChannels() == 1);
            publisher.publish(channel, "hello");
            await("the message").atMost(WAIT).until(() -> received.contains("hello"));
        } finally {
            subscriber.unsubscribe();
            listening.join(WAIT.toMillis());
        }
    }

    @Test
    @DisplayName("an embedded Redis stops like a crash and comes back empty on the same port")
    void restart() {
        org.junit.jupiter.api.Assumptions.assumeTrue(REDIS.redis().embedded(),
                "REDIS_URL is set: that Redis is not this test's to stop");
        String key = REDIS.namespace() + "survives?";
        try (Jedis jedis = REDIS.redis().connect()) {
            jedis.set(key, "yes");
        }

        REDIS.redis().stop();
        assertThatThrownBy(() -> {
            try (Jedis jedis = REDIS.redis().connect()) {
                jedis.ping();
            }
        }).isInstanceOf(JedisConnectionException.class);
        REDIS.redis().start();

        try (Jedis jedis = REDIS.redis().connect()) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.get(key)).as("no persistence: a restart loses everything").isNull();
        }
    }

    @Test
    @DisplayName("REDIS_URL wins over the embedded server, and must be a redis:// URL")
    void redisUrl() {
        try (LocalRedis named = LocalRedis.fromEnvironment(Map.of("REDIS_URL", REDIS.redis().uri().toString()))) {
            assertThat(named.embedded()).isFalse();
            assertThat(named.uri()).isEqualTo(REDIS.redis().uri());
            assertThatThrownBy(named::stop).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> LocalRedis.fromEnvironment(Map.of("REDIS_URL", "http://localhost")))
                .hasMessageContaining("redis://");
    }
}
