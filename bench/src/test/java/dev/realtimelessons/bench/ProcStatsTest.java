package dev.realtimelessons.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    @DisplayName("This process's CPU time and resident memory read from /proc are positive and plausible")
    void ownProcess() {
        long pid = ProcessHandle.current().pid();

        assertThat(ProcStats.cpuNanos(pid)).isPositive();
        assertThat(ProcStats.rssKib(pid)).isGreaterThan(1_024); // a JVM is more than a megabyte
    }
}
