package dev.realtimelessons.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's {@code /proc} says about a process: its CPU time and its resident memory. */
final class ProcStats {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux the course runs on. */
    static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /**
     * @param pid a live process
     * @return its user plus system CPU time in nanoseconds, at the kernel's tick resolution (10 ms)
     */
    static long cpuNanos(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /**
     * @param pid a process that may have ended meanwhile (a child of the server)
     * @return its CPU time so far, or 0 if it is gone
     */
    static long cpuNanosIfAlive(long pid) {
        try {
            return cpuNanos(pid);
        } catch (RuntimeException gone) {
            return 0;
        }
    }

    /**
     * @param pid a live process
     * @return its resident set size ({@code VmRSS}) in KiB
     */
    static long rssKib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (the harness needs Linux's /proc)", e);
        }
    }
}
