package dev.realtimelessons.lesson09;

/**
 * How many servers a service needs, and what to set on each.
 *
 * @param servers                  servers to run: what the load needs, plus one, so that a deploy or a crash leaves
 *                                 enough
 * @param maxConnectionsPerServer  what to set as {@code MAX_CONNECTIONS}: admission control below the first limit
 *                                 a server would hit (memory or file descriptors), with the headroom
 * @param connectionsPerServer     what each server holds at the peak with one server away
 * @param deliveriesPerSecond      what the service delivers at the peak: messages times fan-out
 * @param brokerMessagesPerSecond  what Redis sends to the servers at the peak, at most: each message to every server
 *                                 holding a member of its room (no more servers than members)
 * @param upstreamAddresses        addresses (ip:port) each server must listen on behind one proxy address, since a
 *                                 proxy has {@code ephemeralPorts} source ports towards each
 * @param limitedBy                what set the number of servers: {@code "cpu"}, {@code "memory"} or
 *                                 {@code "file descriptors"}
 */
public record CapacityPlanResult(long servers, long maxConnectionsPerServer, long connectionsPerServer,
                                 double deliveriesPerSecond, double brokerMessagesPerSecond, long upstreamAddresses,
                                 String limitedBy) {
}
