package dev.realtimelessons.lesson09;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Whether this server can take a new client now: what {@code GET /ready} answers, and what a load balancer asks
 * every few seconds before it sends a client here.
 *
 * <p>Thread-safe: the probes are called on the thread that asks.
 */
public final class Readiness {

    /**
     * The answer, as {@code /ready}'s body.
     *
     * @param ready  true when every check passed
     * @param checks each check by name: {@code "ok"}, or why not
     */
    public record Report(boolean ready, Map<String, String> checks) {
        /** Copies the checks, in their order. */
        public Report {
            checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }
    }

    private final Map<String, Probe> probes;
    private final BooleanSupplier draining;

    /**
     * @param probes   what the server needs, by name, in the order to report them
     * @param draining true while the server drains
     */
    public Readiness(Map<String, Probe> probes, BooleanSupplier draining) {
        this.probes = new LinkedHashMap<>(probes);
        this.draining = draining;
    }

    /**
     * Step 2: checks everything. Ready only when every probe passes and the server is not draining. Every probe is
     * run, even after one fails, and reported by name, {@code "ok"} or {@code "failed: <its message>"}; a draining
     * server adds {@code "draining": "yes"} (and {@code "no"} otherwise). A probe that throws anything, a
     * {@code RuntimeException} included, counts as failed: a readiness check must answer, never throw.
     *
     * @return the report
     */
    // tag::check[]
    public Report check() {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean ready = true;
        for (Map.Entry<String, Probe> probe : probes.entrySet()) {
            try {
                probe.getValue().check();
                checks.put(probe.getKey(), "ok");
            } catch (Exception e) {
                checks.put(probe.getKey(), "failed: " + e.getMessage());
                ready = false;
            }
        }
        boolean leaving = draining.getAsBoolean();
        checks.put("draining", leaving ? "yes" : "no");
        return new Report(ready && !leaving, checks);
    }
    // end::check[]
}
