package dev.realtimelessons.lesson09;

import java.time.Duration;
import java.util.Map;

/**
 * Lesson 09's settings, each from an environment variable where set:
 * <ul>
 *   <li>{@code DRAIN_WINDOW_SECONDS} (30) and {@code DRAIN_BATCHES} (10): a stopping server moves its clients away in
 *       this many batches spread over this long, so that they do not all reconnect to the others at once;</li>
 *   <li>{@code LARGE_ROOM_SIZE} (100) and {@code MEMBERS_CHANGED_SECONDS} (2): above this many members a room stops
 *       announcing each {@code joined} and {@code left}, and tells its members how many there are this often
 *       instead;</li>
 *   <li>{@code WS_COMPRESSION} (false): permessage-deflate on the WebSocket.</li>
 * </ul>
 *
 * @param drainWindow         how long a drain may take
 * @param drainBatches        in how many batches it closes the connections
 * @param largeRoom           the room size above which presence is counted, not announced
 * @param membersChangedEvery how often a large room's members hear its count
 * @param compression         whether the WebSocket offers permessage-deflate
 */
public record ProductionConfig(Duration drainWindow, int drainBatches, int largeRoom, Duration membersChangedEvery,
                               boolean compression) {

    /** Checks the values. */
    public ProductionConfig {
        if (drainWindow.isNegative() || drainBatches < 1 || largeRoom < 1 || membersChangedEvery.toMillis() < 1) {
            throw new IllegalArgumentException("a drain window of 0 s or more, at least 1 batch, a large room of at"
                    + " least 1 member and a count period of at least 1 ms");
        }
    }

    /** @return the defaults */
    public static ProductionConfig defaults() {
        return new ProductionConfig(Duration.ofSeconds(30), 10, 100, Duration.ofSeconds(2), false);
    }

    /**
     * The defaults, overridden by the environment.
     *
     * @param env the environment
     * @return the configuration
     * @throws IllegalArgumentException if a value is not what its variable needs, naming it
     */
    public static ProductionConfig fromEnvironment(Map<String, String> env) {
        ProductionConfig d = defaults();
        return new ProductionConfig(Duration.ofSeconds(number(env, "DRAIN_WINDOW_SECONDS",
                (int) d.drainWindow.toSeconds())), number(env, "DRAIN_BATCHES", d.drainBatches),
                number(env, "LARGE_ROOM_SIZE", d.largeRoom),
                Duration.ofSeconds(number(env, "MEMBERS_CHANGED_SECONDS", (int) d.membersChangedEvery.toSeconds())),
                Boolean.parseBoolean(env.getOrDefault("WS_COMPRESSION", Boolean.toString(d.compression))));
    }

    /** @param window the drain window @param batches its batches @return a copy */
    public ProductionConfig withDrain(Duration window, int batches) {
        return new ProductionConfig(window, batches, largeRoom, membersChangedEvery, compression);
    }

    /** @param size the large room size @param every the count period @return a copy */
    public ProductionConfig withLargeRoom(int size, Duration every) {
        return new ProductionConfig(drainWindow, drainBatches, size, every, compression);
    }

    /** @param on whether the WebSocket offers permessage-deflate @return a copy */
    public ProductionConfig withCompression(boolean on) {
        return new ProductionConfig(drainWindow, drainBatches, largeRoom, membersChangedEvery, on);
    }

    private static int number(Map<String, String> env, String name, int otherwise) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value);
        }
    }
}
