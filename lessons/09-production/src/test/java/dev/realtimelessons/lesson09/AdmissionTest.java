package dev.realtimelessons.lesson09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.kit.server.ConnectionLimits;

@Tag("postgres")
@Tag("redis")
@DisplayName("Admission control at the plan's cap")
class AdmissionTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningProduction service = new RunningProduction(redis, postgres);

    @Test
    @DisplayName("a server set to the plan's MAX_CONNECTIONS refuses the next handshake with 503 and Retry-After")
    void refusesPastThePlan() {
        // A tiny machine: 1 MiB for connections at 300 KiB each is 3 connections.
        CapacityPlanResult plan = CapacityPlan.plan(new CapacityInputs(17, 300, 80_000, 6, 1, 2, 20_000, 28_232,
                1, 1.0));
        ProductionServer a = service.start(ProductionConfig.defaults(), 0,
                new ConnectionLimits((int) plan.maxConnectionsPerServer(), 0, 0, Duration.ofSeconds(7)));
        for (int i = 0; i < plan.maxConnectionsPerServer(); i++) {
            service.connect(a, "user" + i);
        }

        Throwable refused = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + service.token("late"))
                .buildAsync(a.uri("ws", "/ws"), new WebSocket.Listener() { })
                .orTimeout(RunningProduction.WAIT.toMillis(), TimeUnit.MILLISECONDS).join());

        assertThat(plan.maxConnectionsPerServer()).isEqualTo(3);
        assertThat(refused).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(String.valueOf(response.body())).contains("server_full");
    }
}
