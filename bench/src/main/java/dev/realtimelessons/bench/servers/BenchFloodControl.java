package dev.realtimelessons.bench.servers;

import dev.realtimelessons.lesson03.RoomsConfig;

/**
 * Lesson 03's flood control (a token bucket of 20 messages, 10 per second by default) would hold a flat-out
 * publisher to 10 messages per second. The benchmark measures delivery, not the bucket, so its launchers lift it;
 * everything else stays as the lesson's {@code fromEnvironment} makes it.
 */
final class BenchFloodControl {

    private BenchFloodControl() {
    }

    /** @param rooms a lesson's room settings @return the same with a bucket no benchmark publisher empties */
    static RoomsConfig lifted(RoomsConfig rooms) {
        return rooms.withFloodControl(1_000_000, 1_000_000, Integer.MAX_VALUE);
    }
}
