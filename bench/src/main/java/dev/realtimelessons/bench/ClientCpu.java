package dev.realtimelessons.bench;

import java.lang.management.ManagementFactory;

/** The load generator's own CPU time: this whole process (harness and clients), user plus system. */
final class ClientCpu {

    private ClientCpu() {
    }

    /** @return this process's CPU time so far, in nanoseconds */
    static long nanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
