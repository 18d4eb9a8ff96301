package dev.realtimelessons.lesson09;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.steps.Step2;

@Tag("postgres")
@Tag("redis")
@DisplayName("Health and readiness")
class HealthTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningProduction service = new RunningProduction(redis, postgres);

    @Test
    @Step2
    @DisplayName("is ready only when every probe passes and it is not draining, and reports every check")
    void readiness() {
        AtomicBoolean draining = new AtomicBoolean();
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("redis", () -> { });
        probes.put("database", () -> {
            throw new IllegalStateException("connection refused");
        });
        probes.put("disk", () -> {
            throw new RuntimeException("full");
        });
        Readiness failing = new Readiness(probes, draining::get);
        Readiness fine = new Readiness(Map.of("redis", () -> { }), draining::get);

        Readiness.Report down = failing.check();
        Readiness.Report up = fine.check();
        draining.set(true);
        Readiness.Report leaving = fine.check();

        assertThat(down.ready()).isFalse();
        assertThat(down.checks()).containsExactly(Map.entry("redis", "ok"),
                Map.entry("database", "failed: connection refused"), Map.entry("disk", "failed: full"),
                Map.entry("draining", "no"));
        assertThat(up.ready()).isTrue();
        assertThat(leaving.ready()).as("a draining server takes no new client").isFalse();
        assertThat(leaving.checks()).containsEntry("draining", "yes").containsEntry("redis", "ok");
    }

    @Test
    @DisplayName("/health is 200 while the process answers; /ready is 200 with Redis and the database reachable")
    void endpoints() {
        ProductionServer a = service.start();

        HttpResponse<String> health = Http.get(a.uri("http", "/health"));
        HttpResponse<String> ready = Http.get(a.uri("http", "/ready"));
        HttpResponse<String> post = Http.send("POST", a.uri("http", "/ready"), null, Map.of());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Http.json(health).get("status").asText()).isEqualTo("up");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode checks = Http.json(ready).get("checks");
        assertThat(checks.get("redis").asText()).isEqualTo("ok");
        assertThat(checks.get("database").asText()).isEqualTo("ok");
        assertThat(checks.get("draining").asText()).isEqualTo("no");
        assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
