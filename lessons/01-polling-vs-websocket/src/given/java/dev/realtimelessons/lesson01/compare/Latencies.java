package dev.realtimelessons.lesson01.compare;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * Delivery latencies of one technique, and what arrived: thread-safe, so a client's thread can record while the
 * runner reads. The latencies go to an HdrHistogram, in microseconds to 3 significant digits.
 */
final class Latencies {

    private final List<Long> ids = new ArrayList<>();
    private final List<Arrival> duringWarmUp = new ArrayList<>();
    private final Histogram micros = new Histogram(3);
    private boolean warmingUp = true;
    private long warmUpLast;
    private long lastId;

    synchronized void record(long id, double latencyMillis) {
        lastId = Math.max(lastId, id);
        long latencyMicros = Math.max(0, Math.round(latencyMillis * 1000)); // two clocks of one machine
        if (warmingUp) {
            ids.add(id);
            duringWarmUp.add(new Arrival(id, latencyMicros));
        } else if (id > warmUpLast) {
            ids.add(id);
            micros.recordValue(latencyMicros);
        }
    }

    /** Ends the warm-up: events up to this id are not measured (class loading and JIT compilation skew them). */
    synchronized void endWarmUp(long lastWarmUpId) {
        warmUpLast = lastWarmUpId;
        warmingUp = false;
        ids.removeIf(id -> id <= lastWarmUpId);
        for (Arrival arrival : duringWarmUp) {
            if (arrival.id() > lastWarmUpId) { // published after the warm-up's last, received before its end
                micros.recordValue(arrival.micros());
            }
        }
        duringWarmUp.clear();
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
     * A percentile of the measured latencies.
     *
     * @param percent 0 to 100
     * @return the latency in milliseconds, or NaN when nothing arrived
     */
    synchronized double percentile(double percent) {
        if (micros.getTotalCount() == 0) {
            return Double.NaN;
        }
        return micros.getValueAtPercentile(percent) / 1000.0;
    }

    private record Arrival(long id, long micros) {
    }
}
