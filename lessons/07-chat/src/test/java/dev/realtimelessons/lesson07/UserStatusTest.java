package dev.realtimelessons.lesson07;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.JedisPooled;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.steps.Step6;

@Tag("redis")
@Step6
@DisplayName("A user's status across servers")
class UserStatusTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    private JedisPooled pool;

    @BeforeEach
    void connect() {
        pool = new JedisPooled(redis.redis().hostAndPort());
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private UserStatus at(Instant now) {
        return new UserStatus(pool, redis.namespace(), TTL, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("is online from the first tab on any server until the last one closes, then offline with last_seen")
    void onlineWhileAnyTab() {
        UserStatus status = at(START);

        assertThat(status.connected("ada", "tab-1")).as("the first tab").isTrue();
        assertThat(status.connected("ada", "tab-2")).as("a second tab, maybe on another server").isFalse();
        assertThat(status.statusOf("ada")).isEqualTo(new Status("ada", Status.ONLINE, null));
        assertThat(status.disconnected("ada", "tab-1")).as("one tab left").isFalse();
        assertThat(status.statusOf("ada").status()).isEqualTo(Status.ONLINE);
        assertThat(status.disconnected("ada", "tab-2")).as("the last tab").isTrue();
        assertThat(status.statusOf("ada")).isEqualTo(new Status("ada", Status.OFFLINE, START.toEpochMilli()));
        assertThat(status.statusOf("bob")).as("never seen").isEqualTo(new Status("bob", Status.OFFLINE, null));
    }

    @Test
    @DisplayName("lets a user be away while connected, and forgets it when they go offline")
    void away() {
        UserStatus status = at(START);
        status.connected("ada", "tab-1");

        assertThat(status.setAway("ada", true)).isTrue();
        assertThat(status.setAway("ada", true)).as("away already").isFalse();
        assertThat(status.statusOf("ada").status()).isEqualTo(Status.AWAY);
        assertThat(status.setAway("ada", false)).isTrue();
        assertThat(status.statusOf("ada").status()).isEqualTo(Status.ONLINE);
        status.setAway("ada", true);
        status.disconnected("ada", "tab-1");
        status.connected("ada", "tab-2");
        assertThat(status.statusOf("ada").status()).as("back later: online, not away").isEqualTo(Status.ONLINE);
    }

    @Test
    @DisplayName("takes a crashed server's tabs for closed once their TTL has passed")
    void crashedServersExpire() {
        at(START).connected("ada", "tab-on-a-server-that-crashed");
        UserStatus later = at(START.plus(TTL).plusSeconds(1)); // nobody refreshed it

        assertThat(later.statusOf("ada").status()).isEqualTo(Status.OFFLINE);
        assertThat(later.connected("ada", "new-tab")).as("the first live tab again").isTrue();
    }

    @Test
    @DisplayName("makes exactly one of 8 tabs opening at once the first")
    void oneFirstTab() throws Exception {
        UserStatus status = at(START);
        ExecutorService tabs = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> opens = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String tab = "tab-" + i;
                opens.add(() -> status.connected("ada", tab));
            }
            List<Boolean> first = new ArrayList<>();
            for (Future<Boolean> open : tabs.invokeAll(opens, 10, TimeUnit.SECONDS)) {
                first.add(open.get());
            }
            assertThat(first).filteredOn(Boolean::booleanValue).as("tabs that saw themselves first").hasSize(1);
        } finally {
            tabs.shutdownNow();
        }
    }
}
