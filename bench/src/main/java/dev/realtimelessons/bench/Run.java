package dev.realtimelessons.bench;

import java.util.Map;

/**
 * The figures of one run: one server process, one case.
 *
 * @param server        the server
 * @param figures       each figure by its column name
 * @param clientLimited whether the load generator, not the server, was the limit
 */
record Run(ServerKind server, Map<String, Double> figures, boolean clientLimited) {
}
