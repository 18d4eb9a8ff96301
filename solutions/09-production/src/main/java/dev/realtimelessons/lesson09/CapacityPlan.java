package dev.realtimelessons.lesson09;

/**
 * The capacity worksheet as code: from a server's measured figures and the service's peak to the number of servers
 * and the limits to set on each. Every formula is one line, so that the README's worksheet and this class say the
 * same thing.
 */
public final class CapacityPlan {

    /** File descriptors a server keeps for itself: log files, Redis and database connections, the listener. */
    public static final long RESERVED_FILES = 100;

    private CapacityPlan() {
    }

    /**
     * Step 5: the plan.
     * <ol>
     *   <li>Connections one server may hold: the fewer of what its memory allows
     *       ({@code memoryMib × 1024 × headroom / rssKib}) and what its file descriptors allow
     *       ({@code (openFiles − RESERVED_FILES) × headroom}); both rounded down. That is
     *       {@code maxConnectionsPerServer}, and {@code limitedBy} names the smaller ("memory" or
     *       "file descriptors").</li>
     *   <li>Servers for the connections: {@code ceil(connections / maxConnectionsPerServer)}; servers for the CPU:
     *       {@code ceil(messagesPerSecond × averageRoomSize / (deliveriesPerServer × headroom))}. The larger sets the
     *       count, and {@code limitedBy} becomes "cpu" when the CPU's is larger. Then one more server.</li>
     *   <li>{@code connectionsPerServer}: the connections spread over all servers but one,
     *       {@code ceil(connections / (servers − 1))}.</li>
     *   <li>{@code brokerMessagesPerSecond}: {@code messagesPerSecond × min(servers, averageRoomSize)}.</li>
     *   <li>{@code upstreamAddresses}: {@code ceil(maxConnectionsPerServer / ephemeralPorts)}, at least 1.</li>
     * </ol>
     *
     * @param in the measured figures, the peak and the limits
     * @return the plan
     */
    // tag::plan[]
    public static CapacityPlanResult plan(CapacityInputs in) {
        long byMemory = (long) Math.floor(in.memoryMibPerServer() * 1024.0 * in.headroom() / in.rssKibPerConnection());
        long byFiles = (long) Math.floor((in.openFilesPerProcess() - RESERVED_FILES) * in.headroom());
        long perServer = Math.max(1, Math.min(byMemory, byFiles));
        String limitedBy = byMemory <= byFiles ? "memory" : "file descriptors";
        long forConnections = ceil(in.connections(), perServer);
        double deliveries = in.messagesPerSecond() * in.averageRoomSize();
        long forCpu = (long) Math.ceil(deliveries / (in.deliveriesPerServer() * in.headroom()));
        if (forCpu > forConnections) {
            limitedBy = "cpu";
        }
        long servers = Math.max(forConnections, forCpu) + 1; // one away (a deploy, a crash) and the rest still fit
        long atPeak = ceil(in.connections(), servers - 1);
        double broker = in.messagesPerSecond() * Math.min(servers, in.averageRoomSize());
        long addresses = Math.max(1, ceil(perServer, in.ephemeralPorts()));
        return new CapacityPlanResult(servers, perServer, atPeak, deliveries, broker, addresses, limitedBy);
    }
    // end::plan[]

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
