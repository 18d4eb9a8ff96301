package dev.realtimelessons.lesson09;

import dev.realtimelessons.kit.TodoException;

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
    public static CapacityPlanResult plan(CapacityInputs in) {
        throw new TodoException("Step 5: connections per server from memory and file descriptors, servers from "
                + "connections and CPU plus one, then the peak per server, the broker's load and the upstream "
                + "addresses (see README, step 5)");
    }
}
