package dev.realtimelessons.kit.redis;

import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that gives a test class a real Redis: {@link LocalRedis#fromEnvironment}, so
 * {@code REDIS_URL} when it is set (CI runs the suite once against Debian's redis-server this way), else an
 * embedded one started for the class and stopped after it. Each test gets a key prefix of its own
 * ({@link #namespace()}), so that tests never see each other's keys and a shared Redis is never flushed.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisPerClass redis = new RedisPerClass();
 * }</pre>
 */
public final class RedisPerClass implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private LocalRedis redis;
    private String namespace;

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = LocalRedis.fromEnvironment(System.getenv());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!redis.running()) {
            redis.start(); // a fault test stopped it and failed before starting it again
        }
        namespace = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    @Override
    public void afterAll(ExtensionContext context) {
        redis.close();
    }

    /** @return the Redis of the running test class */
    public LocalRedis redis() {
        return redis;
    }

    /** @return a key prefix for the running test alone, for example {@code test-1a2b3c4d:} */
    public String namespace() {
        return namespace;
    }
}
