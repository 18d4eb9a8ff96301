package dev.realtimelessons.kit.testing.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The live heap of this JVM: used heap right after a full collection. A server and its clients in one JVM share
 * it, so a measurement is a difference between two states of the same process.
 */
public final class HeapMeter {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapMeter() {
    }

    /**
     * Asks for a full collection twice (the second frees what finalization or reference processing let go in the
     * first), then reads the used heap.
     *
     * @return bytes of heap in use; only meaningful if explicit collections are not disabled
     *         ({@code -XX:+DisableExplicitGC})
     */
    public static long usedAfterFullGc() {
        MEMORY.gc();
        MEMORY.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
