package dev.realtimelessons.bench;

/**
 * When the load generator, not the server, was the limit of a flat-out phase. The client and the server share the
 * machine's cores, so a client that needs much CPU takes it from the server: a run is flagged when the client used
 * at least {@code limit} cores (0.9 by default: its receiving threads were nearly a whole core busy), or more CPU
 * than the server did. Such a run's deliveries per second say more about the client than about the server.
 */
final class ClientLimit {

    private ClientLimit() {
    }

    /**
     * @param clientCores the client's CPU over the phase, in cores
     * @param serverCores the server's CPU over the phase, in cores
     * @param limit       the client's CPU, in cores, from which the client is the limit whatever the server used
     * @return whether the run was client-limited
     */
    static boolean reached(double clientCores, double serverCores, double limit) {
        return clientCores >= limit || clientCores > serverCores;
    }
}
