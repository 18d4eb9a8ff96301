package dev.realtimelessons.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class BenchOptionsTest {

    @Test
    @DisplayName("Options take lists, and durations in seconds or ISO-8601")
    void options() {
        Bench bench = new Bench();
        new CommandLine(bench).parseArgs("--servers", "tyrus,03", "--duration", "1.5", "--warmup", "PT0.5S",
                "--rounds", "2");

        assertThat(bench.servers).containsExactly("tyrus", "03");
        assertThat(bench.duration).isEqualTo(Duration.ofMillis(1_500));
        assertThat(bench.warmup).isEqualTo(Duration.ofMillis(500));
        assertThat(bench.rounds).isEqualTo(2);
    }

    @Test
    @DisplayName("An unknown server is refused with the names it could be")
    void unknownServer() {
        assertThatThrownBy(() -> ServerKind.of("netty")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown server 'netty': tyrus, 03, 05, 06, 09 or node");
    }

    @Test
    @DisplayName("An unknown case is refused before any server starts, with exit code 2 and the cases it could be")
    void unknownCase() {
        var err = new java.io.StringWriter();
        int code = new CommandLine(new Bench()).setErr(new java.io.PrintWriter(err))
                .execute("--cases", "one-room,huge", "--servers", "tyrus");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown case 'huge': one-room, many-rooms or idle");
    }
}
