package dev.realtimelessons.lesson09;

/**
 * What a capacity plan starts from: what one server was measured to do, what the service must carry, and the
 * limits of the machines it runs on.
 *
 * @param heapKibPerConnection   live heap per idle connection, measured (the harness's idle case)
 * @param rssKibPerConnection    resident memory per idle connection, measured: what the machine pays
 * @param deliveriesPerServer    deliveries per second one server sustained flat out, measured
 * @param connections            connections the service must hold at its peak
 * @param messagesPerSecond      messages published per second at the peak
 * @param averageRoomSize        members a message reaches, on average: its fan-out
 * @param openFilesPerProcess    the process's file-descriptor limit ({@code ulimit -n})
 * @param ephemeralPorts         source ports a proxy has towards one upstream address (Linux: 32768 to 60999, 28,232)
 * @param memoryMibPerServer     memory a server may use for connections
 * @param headroom               the share of a limit the plan may use, for example 0.7: peaks above the peak,
 *                               GC, a deploy's reconnections
 */
public record CapacityInputs(double heapKibPerConnection, double rssKibPerConnection, double deliveriesPerServer,
                             long connections, double messagesPerSecond, double averageRoomSize,
                             long openFilesPerProcess, long ephemeralPorts, long memoryMibPerServer,
                             double headroom) {

    /** Checks the values. */
    public CapacityInputs {
        if (rssKibPerConnection <= 0 || deliveriesPerServer <= 0 || connections < 0 || messagesPerSecond < 0
                || averageRoomSize < 1 || openFilesPerProcess < 1 || ephemeralPorts < 1 || memoryMibPerServer < 1
                || headroom <= 0 || headroom > 1) {
            throw new IllegalArgumentException("measured figures above 0, a room of at least 1, limits of at least 1"
                    + " and a headroom in (0, 1]");
        }
    }
}
