package dev.realtimelessons.kit.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A URL query string: decoded into parameters, or rewritten without some of them.
 */
public final class Query {

    private Query() {
    }

    /**
     * The parameters of a raw query, decoded as UTF-8.
     *
     * @param raw for example {@code a=1&b=x%20y}; null or empty gives none
     * @return the parameters, in their order
     */
    public static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : pairs(raw)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** The raw query without the named parameters, or null when nothing is left. */
    static String without(String raw, Set<String> names) {
        if (names.isEmpty()) {
            return raw;
        }
        StringJoiner kept = new StringJoiner("&");
        for (String pair : pairs(raw)) {
            int equals = pair.indexOf('=');
            if (!names.contains(decode(equals < 0 ? pair : pair.substring(0, equals)))) {
                kept.add(pair);
            }
        }
        return kept.length() == 0 ? null : kept.toString();
    }

    private static List<String> pairs(String raw) {
        List<String> pairs = new ArrayList<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (!pair.isEmpty()) {
                    pairs.add(pair);
                }
            }
        }
        return pairs;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // a stray '%': keep it as it came
        }
    }
}
