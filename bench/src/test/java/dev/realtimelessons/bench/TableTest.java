package dev.realtimelessons.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TableTest {

    private static Run run(ServerKind server, double deliveries, boolean limited) {
        return new Run(server, Map.of("deliveries/s", deliveries), limited);
    }

    @Test
    @DisplayName("A row shows the median of its server's runs and its ratio to bare Tyrus's median")
    void mediansAndRatios() {
        List<Run> runs = List.of(run(ServerKind.TYRUS, 60_000, false), run(ServerKind.TYRUS, 50_000, false),
                run(ServerKind.TYRUS, 70_000, false), run(ServerKind.L03, 30_000, false),
                run(ServerKind.L03, 40_000, true), run(ServerKind.L03, 20_000, false));

        String table = Table.render("one-room", List.of("deliveries/s"), List.of("deliveries/s"),
                List.of(ServerKind.TYRUS, ServerKind.L03), runs);

        assertThat(table).contains("| bare Tyrus | 3 | 60,000 | 1.00 | – |")
                .contains("| lesson 03 | 3 | 30,000 | 0.50 | 1/3 |");
    }

    @Test
    @DisplayName("An even number of runs has the mean of the middle two as its median, and a missing figure none")
    void evenAndMissing() {
        List<Run> runs = List.of(run(ServerKind.NODE, 1, false), run(ServerKind.NODE, 3, false));

        assertThat(Table.median(runs, ServerKind.NODE, "deliveries/s")).isEqualTo(2.0);
        assertThat(Table.median(runs, ServerKind.NODE, "heap KiB/conn")).isNaN();
    }

    @Test
    @DisplayName("A run is client-limited when the client used 0.9 core, or more CPU than the server")
    void clientLimit() {
        assertThat(ClientLimit.reached(0.95, 1.5, 0.9)).isTrue();
        assertThat(ClientLimit.reached(0.8, 0.7, 0.9)).isTrue();
        assertThat(ClientLimit.reached(0.6, 1.1, 0.9)).isFalse();
    }
}
