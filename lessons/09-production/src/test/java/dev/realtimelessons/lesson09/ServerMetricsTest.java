package dev.realtimelessons.lesson09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step3;

@Step3
@DisplayName("Server metrics")
class ServerMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger streams = new AtomicInteger();
    private final ServerMetrics metrics = new ServerMetrics(registry, streams::get);

    @Test
    @DisplayName("counts open connections per transport: WebSockets as they open and close, event streams as read")
    void connections() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed(1000);
        streams.set(4);

        assertThat(gauge("websocket")).isEqualTo(2);
        assertThat(gauge("sse")).as("read from the supplier at each look").isEqualTo(4);
    }

    @Test
    @DisplayName("counts closes by code, and any code a client could invent as other")
    void closes() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed(1000);
        metrics.connectionClosed(1000);
        metrics.connectionClosed(4008);
        metrics.connectionClosed(4999);

        assertThat(registry.get("realtime.closes").tag("code", "1000").counter().count()).isEqualTo(2);
        assertThat(registry.get("realtime.closes").tag("code", "4008").counter().count()).isEqualTo(1);
        assertThat(registry.get("realtime.closes").tag("code", "other").counter().count()).isEqualTo(1);
        assertThat(ServerMetrics.codeTag(1006)).isEqualTo("1006");
        assertThat(ServerMetrics.codeTag(3000)).isEqualTo("other");
        assertThat(ServerMetrics.codeTag(999)).isEqualTo("other");
    }

    @Test
    @DisplayName("counts messages in and out, and records each outbox depth in a distribution")
    void messagesAndOutbox() {
        metrics.messageIn();
        metrics.messageOut();
        metrics.messageOut();
        metrics.outboxDepth(0);
        metrics.outboxDepth(7);

        assertThat(registry.get("realtime.messages.received").counter().count()).isEqualTo(1);
        assertThat(registry.get("realtime.messages.sent").counter().count()).isEqualTo(2);
        var depth = registry.get("realtime.outbox.depth").summary();
        assertThat(depth.count()).isEqualTo(2);
        assertThat(depth.totalAmount()).isEqualTo(7);
        assertThat(depth.max()).isEqualTo(7);
    }

    @Test
    @DisplayName("times deliveries, a negative latency (clocks apart) as 0 but counted")
    void delivery() {
        metrics.delivered(Duration.ofMillis(30));
        metrics.delivered(Duration.ofMillis(-5));

        Timer timer = registry.get("realtime.delivery").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(30);
        assertThat(timer.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(30);
        assertThat(timer.takeSnapshot().percentileValues()).extracting(value -> value.percentile())
                .containsExactly(0.5, 0.99);
    }

    @Test
    @DisplayName("counts resumes by whether they recovered, both series there from the start")
    void resumes() {
        assertThat(registry.get("realtime.resumes").tag("recovered", "false").counter().count()).isZero();

        metrics.resumed(true);
        metrics.resumed(true);
        metrics.resumed(false);

        assertThat(registry.get("realtime.resumes").tag("recovered", "true").counter().count()).isEqualTo(2);
        assertThat(registry.get("realtime.resumes").tag("recovered", "false").counter().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("counts store errors by store, both at 0 from the start, and refuses a store it does not know")
    void errors() {
        assertThat(registry.get("realtime.errors").tag("store", "database").counter().count()).isZero();

        metrics.storeError("redis");
        metrics.storeError("redis");

        assertThat(registry.get("realtime.errors").tag("store", "redis").counter().count()).isEqualTo(2);
        assertThat(registry.get("realtime.errors").tag("store", "database").counter().count()).isZero();
        assertThatThrownBy(() -> metrics.storeError("kafka")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("has Prometheus's names, the delivery a histogram")
    void prometheusNames() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServerMetrics onPrometheus = new ServerMetrics(prometheus, () -> 0);
        onPrometheus.connectionOpened();
        onPrometheus.connectionClosed(1000);
        onPrometheus.delivered(Duration.ofMillis(20));

        assertThat(prometheus.scrape()).contains(
                "realtime_connections{transport=\"websocket\"} 0",
                "realtime_connections{transport=\"sse\"} 0",
                "realtime_messages_received_total 0",
                "realtime_messages_sent_total 0",
                "realtime_outbox_depth_count 0",
                "realtime_closes_total{code=\"1000\"} 1",
                "realtime_delivery_seconds_count 1",
                "realtime_delivery_seconds_bucket{le=\"0.05\"} 1",
                "# TYPE realtime_delivery_seconds histogram",
                "realtime_resumes_total{recovered=\"true\"} 0",
                "realtime_errors_total{store=\"redis\"} 0");
    }

    private double gauge(String transport) {
        return registry.get("realtime.connections").tag("transport", transport).gauge().value();
    }
}
