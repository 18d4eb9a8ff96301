package dev.realtimelessons.kit.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A WebSocket upgrade request as a {@link HandshakeGuard} sees it, before any WebSocket code runs.
 *
 * @param path          the request path, for example {@code /ws}
 * @param parameters    the query parameters, decoded as UTF-8
 * @param headers       the request headers; look them up with {@link #header}, which ignores case
 * @param remoteAddress the client's address
 */
public record Handshake(String path, Map<String, List<String>> parameters, Map<String, List<String>> headers,
                        String remoteAddress) {

    /**
     * Copies the maps; header names are matched without regard to case.
     */
    public Handshake {
        parameters = Map.copyOf(parameters);
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.merge(name, List.copyOf(values), (a, b) -> {
            List<String> both = new java.util.ArrayList<>(a);
            both.addAll(b);
            return List.copyOf(both);
        }));
        headers = java.util.Collections.unmodifiableMap(byName);
    }

    /**
     * The first value of a header.
     *
     * @param name the header's name, in any case
     * @return its first value, or empty if the request has none
     */
    public Optional<String> header(String name) {
        return first(headers.get(name));
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter's name
     * @return its first value, or empty if the query has none
     */
    public Optional<String> parameter(String name) {
        return first(parameters.get(name));
    }

    private static Optional<String> first(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
