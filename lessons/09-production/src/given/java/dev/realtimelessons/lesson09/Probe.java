package dev.realtimelessons.lesson09;

/** One thing a server needs to serve: Redis, the database. */
@FunctionalInterface
public interface Probe {

    /**
     * Checks it, quickly: a probe is called on every {@code GET /ready}, which load balancers send every few seconds.
     *
     * @throws Exception when it is not usable, with a message for people
     */
    void check() throws Exception;
}
