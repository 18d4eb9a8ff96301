package dev.realtimelessons.lesson09;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step1;

@Step1
@DisplayName("Step 1: the drain plan spreads the clients' moves over the window")
class DrainPlanTest {

    private final SplittableRandom random = new SplittableRandom(7);

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "c" + i).toList();
    }

    private static List<String> moved(List<DrainPlan.Batch> plan) {
        return plan.stream().flatMap(batch -> batch.moves().stream()).map(DrainPlan.Move::id).toList();
    }

    @Test
    @DisplayName("closes the batches evenly over the window, the first at once, each connection exactly once")
    void evenlySpread() {
        List<DrainPlan.Batch> plan = DrainPlan.plan(ids(103), Duration.ofSeconds(30), 10, random);

        assertThat(plan).extracting(DrainPlan.Batch::at).containsExactly(IntStream.range(0, 10)
                .mapToObj(i -> Duration.ofSeconds(3L * i)).toArray(Duration[]::new));
        assertThat(moved(plan)).containsExactlyElementsOf(ids(103));
        assertThat(plan).allSatisfy(batch -> assertThat(batch.moves()).hasSizeBetween(10, 11));
    }

    @Test
    @DisplayName("gives each connection a hint within its batch's slice, and not all the same")
    void hintsWithinTheirSlice() {
        List<DrainPlan.Batch> plan = DrainPlan.plan(ids(400), Duration.ofSeconds(2), 4, random);

        assertThat(plan).flatExtracting(DrainPlan.Batch::moves).allSatisfy(move ->
                assertThat(move.hint()).isBetween(Duration.ZERO, Duration.ofMillis(499)));
        assertThat(plan).allSatisfy(batch -> assertThat(batch.moves().stream().map(DrainPlan.Move::hint)
                .distinct().count()).as("full jitter: the hints differ").isGreaterThan(20));
    }

    @Test
    @DisplayName("puts the hint in a close reason 'reconnect after <n> ms' of at most 123 bytes")
    void reason() {
        assertThat(DrainPlan.reason(Duration.ofMillis(1234))).isEqualTo("reconnect after 1234 ms");
        assertThat(DrainPlan.reason(Duration.ofMillis(Long.MAX_VALUE)).getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(DrainPlan.MAX_REASON_BYTES);
        assertThat(DrainPlan.plan(ids(5), Duration.ofSeconds(1), 2, random)).flatExtracting(DrainPlan.Batch::moves)
                .allSatisfy(move -> assertThat(move.reason()).isEqualTo(DrainPlan.reason(move.hint())));
    }

    @Test
    @DisplayName("plans nothing for no connections")
    void noConnections() {
        assertThat(DrainPlan.plan(List.of(), Duration.ofSeconds(30), 10, random)).isEmpty();
    }

    @Test
    @DisplayName("spreads fewer connections than batches over the window, one per batch")
    void fewerConnectionsThanBatches() {
        List<DrainPlan.Batch> plan = DrainPlan.plan(ids(3), Duration.ofSeconds(30), 10, random);

        assertThat(plan).allSatisfy(batch -> assertThat(batch.moves()).hasSize(1));
        assertThat(moved(plan)).containsExactlyElementsOf(ids(3));
        assertThat(plan.get(0).at()).isZero();
        assertThat(plan.get(2).at()).as("the last one late in the window, not in the first three batches")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(18));
    }

    @Test
    @DisplayName("with a window of 0, moves everyone at once with a hint of 0")
    void windowZero() {
        List<DrainPlan.Batch> plan = DrainPlan.plan(ids(20), Duration.ZERO, 4, random);

        assertThat(plan).allSatisfy(batch -> assertThat(batch.at()).isZero());
        assertThat(plan).flatExtracting(DrainPlan.Batch::moves).extracting(DrainPlan.Move::hint)
                .containsOnly(Duration.ZERO);
        assertThat(moved(plan)).containsExactlyElementsOf(ids(20));
    }

    @Test
    @DisplayName("refuses a negative window or no batch")
    void refusesNonsense() {
        assertThatThrownBy(() -> DrainPlan.plan(ids(1), Duration.ofSeconds(-1), 1, random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DrainPlan.plan(ids(1), Duration.ofSeconds(1), 0, random))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
