package dev.realtimelessons.lesson01.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Delivery latencies of one technique, and what arrived: thread-safe, so a client's thread can record while the
 * runner reads.
 */
final class Latencies {

    private final List<Double> millis = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private long warmUpLast;
    private long lastId;

    synchronized void record(long id, double latencyMillis) {
        lastId = Math.max(lastId, id);
        if (id > warmUpLast) {
            ids.add(id);
            millis.add(latencyMillis);
        }
    }

    /** Ends the warm-up: events up to this id are not measured (class loading and JIT compilation skew them). */
    synchronized void endWarmUp(long lastWarmUpId) {
        warmUpLast = lastWarmUpId;
        ids.removeIf(id -> id <= lastWarmUpId);
        millis.subList(0, millis.size() - ids.size()).clear();
    }

    synchronized long lastId() {
        return lastId;
    }

    /** @return how many events arrived, duplicates included */
    synchronized int count() {
        return ids.size();
    }

    /** @return measured events (after the warm-up, up to last) that never arrived */
    synchronized long missing(long last) {
        return last - warmUpLast - ids.stream().distinct().filter(id -> id > warmUpLast && id <= last).count();
    }

    /** @return events that arrived more than once */
    synchronized long duplicates() {
        return ids.size() - ids.stream().distinct().count();
    }

    /**
     * A percentile by the nearest-rank method.
     *
     * @param percent 0 to 100
     * @return the latency in milliseconds, or NaN when nothing arrived
     */
    synchronized double percentile(double percent) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
