package dev.realtimelessons.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.server.Endpoints;
import dev.realtimelessons.kit.server.RealtimeServer;
import dev.realtimelessons.kit.testing.bench.HeapMeter;
import dev.realtimelessons.kit.testing.bench.PartialFrameBenchmark;
import dev.realtimelessons.kit.testing.bench.PartialFrameFlood;

/**
 * The memory bound the frame guard exists for, measured as {@link PartialFrameBenchmark} does. The bound is
 * generous (the guard keeps a few header bytes per connection) and still far below what a server that buffers
 * frames keeps: the 32 KB each connection sent, and more (33.7 KB per connection, measured before the guard).
 */
@DisplayName("The frame guard's memory bound")
class FrameGuardMemoryTest {

    private static final int CONNECTIONS = 200;
    private static final long ANNOUNCED = 4L * 1024 * 1024;
    private static final int SENT = 32 * 1024;
    private static final long BOUND_PER_CONNECTION = 8 * 1024;

    @Test
    @DisplayName("200 connections that each announce 4 MB and send 32 KB of it add under 8 KiB each to the heap")
    void partialFramesAreNotBuffered() {
        try (RealtimeServer server = RealtimeServer.builder()
                .websocket(Endpoints.perConnection(PartialFrameBenchmark.Quiet.class, "/ws",
                        PartialFrameBenchmark.Quiet::new))
                .start()) {
            try (PartialFrameFlood warmUp = PartialFrameFlood.open(server.uri("ws", "/ws"), 10)) {
                warmUp.sendPartialFrames(ANNOUNCED, SENT);
            }
            try (PartialFrameFlood flood = PartialFrameFlood.open(server.uri("ws", "/ws"), CONNECTIONS)) {
                long idle = settledHeap();
                flood.sendPartialFrames(ANNOUNCED, SENT);
                long flooded = settledHeap();

                assertThat((flooded - idle) / CONNECTIONS)
                        .as("live heap per connection after its partial frame, over an idle connection's (bytes)")
                        .isLessThan(BOUND_PER_CONNECTION);
                assertThat(flood.closeCodes()).as("every connection refused with 1009")
                        .hasSize(CONNECTIONS).containsOnly(1009);
            }
        }
    }

    /** The live heap once two successive readings differ by less than 64 KB: the server has read what it will. */
    private static long settledHeap() {
        AtomicLong previous = new AtomicLong(HeapMeter.usedAfterFullGc());
        AtomicLong now = new AtomicLong();
        await("the live heap to settle").pollDelay(Duration.ofMillis(250)).pollInterval(Duration.ofMillis(250))
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    now.set(HeapMeter.usedAfterFullGc());
                    return Math.abs(now.get() - previous.getAndSet(now.get())) < 64 * 1024;
                });
        return now.get();
    }
}
