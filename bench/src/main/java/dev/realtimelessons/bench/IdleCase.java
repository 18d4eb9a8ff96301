package dev.realtimelessons.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Idle connections: the server's resident memory and live heap per connection. Both are read after a full
 * collection ({@code jcmd GC.run}) with no connection, then again with {@code count} connections open (none in a
 * room, none sending), and the difference divided by {@code count}. The Node server has no {@code jcmd}: its heap
 * column is empty and its RSS is read without a collection.
 */
final class IdleCase {

    private final Settings settings;

    /** @param settings the number of connections */
    IdleCase(Settings settings) {
        this.settings = settings;
    }

    /** @return the case's title */
    String title() {
        return "idle: " + settings.idle() + " idle connections, memory per connection after a full GC";
    }

    /**
     * @param server the server, fresh
     * @param kind   which one
     * @return the run's figures
     */
    Run run(ServerProcess server, ServerKind kind) {
        try (Clients clients = new Clients(settings.selectors())) {
            long heapBefore = server.heapAfterGcKib();
            long rssBefore = server.rssKib();
            clients.open(server.wsUri(), settings.idle(), "idle", null);
            long heapAfter = server.heapAfterGcKib();
            long rssAfter = server.rssKib();
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("RSS KiB/conn", (rssAfter - rssBefore) / (double) settings.idle());
            figures.put("heap KiB/conn", heapBefore < 0 ? Double.NaN
                    : (heapAfter - heapBefore) / (double) settings.idle());
            figures.put("RSS MiB", rssAfter / 1024.0);
            server.close(); // the server goes first, so its side holds the TIME_WAITs
            return new Run(kind, figures, false);
        } finally {
            server.close();
        }
    }
}
