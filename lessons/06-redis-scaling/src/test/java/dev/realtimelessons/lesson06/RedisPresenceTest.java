package dev.realtimelessons.lesson06;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.steps.Step5;

@Step5
@Tag("redis")
@DisplayName("Step 5: presence across servers, with a TTL")
class RedisPresenceTest {

    @RegisterExtension
    static final RedisPerClass REDIS = new RedisPerClass();

    private JedisPooled pool;

    @BeforeEach
    void connect() {
        pool = new JedisPooled(REDIS.redis().uri());
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    @DisplayName("a room's users are those of every server, each once, sorted")
    void usersOfEveryServer() {
        RedisPresence a = presence("node-a", Duration.ofMinutes(1));
        RedisPresence b = presence("node-b", Duration.ofMinutes(1));

        a.add("lobby", "cy");
        a.add("lobby", "ada");
        b.add("lobby", "ada"); // a second tab, on another server
        b.add("lobby", "bob");
        b.add("other", "dee");

        assertThat(a.users("lobby")).containsExactly("ada", "bob", "cy");
        assertThat(b.users("other")).containsExactly("dee");
    }

    @Test
    @DisplayName("a user leaving through one server stays present through another")
    void removeIsPerServer() {
        RedisPresence a = presence("node-a", Duration.ofMinutes(1));
        RedisPresence b = presence("node-b", Duration.ofMinutes(1));
        a.add("lobby", "ada");
        b.add("lobby", "ada");

        a.remove("lobby", "ada");
        assertThat(b.users("lobby")).containsExactly("ada");

        b.remove("lobby", "ada");
        assertThat(a.users("lobby")).isEmpty();
    }

    @Test
    @DisplayName("a server that stops refreshing (it crashed) loses its users after the TTL; a refreshed one keeps them")
    void crashedServerExpires() {
        Duration ttl = Duration.ofMillis(1500);
        RedisPresence crashed = presence("node-crashed", ttl);
        RedisPresence alive = presence("node-alive", ttl);
        crashed.add("lobby", "ada");
        alive.add("lobby", "bob");
        assertThat(alive.users("lobby")).containsExactly("ada", "bob");

        await("ada's entry to expire").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    alive.refresh(); // what its heartbeat does, three times per TTL
                    assertThat(alive.users("lobby")).containsExactly("bob");
                });
        try (var jedis = REDIS.redis().connect()) {
            assertThat(jedis.zrange(REDIS.namespace() + "{room:lobby}:presence", 0, -1))
                    .as("the expired entry is removed, not only ignored").containsExactly("node-alive|bob");
        }
    }

    private RedisPresence presence(String node, Duration ttl) {
        return new RedisPresence(pool, REDIS.namespace(), node, ttl);
    }
}
