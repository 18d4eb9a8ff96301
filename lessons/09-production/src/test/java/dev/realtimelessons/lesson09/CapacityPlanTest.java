package dev.realtimelessons.lesson09;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step5;

@Step5
@DisplayName("The capacity worksheet")
class CapacityPlanTest {

    @Test
    @DisplayName("100,000 connections at 500 messages/s: file descriptors set the count, plus one server")
    void limitedByFileDescriptors() {
        CapacityPlanResult plan = CapacityPlan.plan(new CapacityInputs(17, 30, 80_000, 100_000, 500, 50, 20_000,
                28_232, 2_048, 0.7));

        assertThat(plan.maxConnectionsPerServer()).as("(20,000 − 100) × 0.7").isEqualTo(13_930);
        assertThat(plan.limitedBy()).isEqualTo("file descriptors");
        assertThat(plan.servers()).as("ceil(100,000 / 13,930) = 8, and one more").isEqualTo(9);
        assertThat(plan.connectionsPerServer()).as("100,000 over 8 with one away").isEqualTo(12_500);
        assertThat(plan.deliveriesPerSecond()).isEqualTo(25_000);
        assertThat(plan.brokerMessagesPerSecond()).as("500 × min(9, 50)").isEqualTo(4_500);
        assertThat(plan.upstreamAddresses()).isEqualTo(1);
    }

    @Test
    @DisplayName("a busy fan-out with few connections: the CPU sets the count")
    void limitedByCpu() {
        CapacityPlanResult plan = CapacityPlan.plan(new CapacityInputs(17, 30, 80_000, 10_000, 5_000, 100, 20_000,
                28_232, 2_048, 0.7));

        assertThat(plan.deliveriesPerSecond()).isEqualTo(500_000);
        assertThat(plan.limitedBy()).isEqualTo("cpu");
        assertThat(plan.servers()).as("ceil(500,000 / (80,000 × 0.7)) = 9, and one more").isEqualTo(10);
        assertThat(plan.connectionsPerServer()).isEqualTo(1_112);
        assertThat(plan.brokerMessagesPerSecond()).as("5,000 × min(10, 100)").isEqualTo(50_000);
    }

    @Test
    @DisplayName("little memory: memory sets the cap, and a narrow port range needs more upstream addresses")
    void limitedByMemoryAndPorts() {
        CapacityPlanResult plan = CapacityPlan.plan(new CapacityInputs(17, 30, 80_000, 20_000, 10, 2, 20_000,
                1_000, 256, 0.7));

        assertThat(plan.maxConnectionsPerServer()).as("256 MiB × 1024 × 0.7 / 30 KiB").isEqualTo(6_116);
        assertThat(plan.limitedBy()).isEqualTo("memory");
        assertThat(plan.servers()).as("ceil(20,000 / 6,116) = 4, and one more").isEqualTo(5);
        assertThat(plan.upstreamAddresses()).as("6,116 connections over 1,000 source ports").isEqualTo(7);
        assertThat(plan.brokerMessagesPerSecond()).as("a room of 2 reaches at most 2 servers").isEqualTo(20);
    }
}
