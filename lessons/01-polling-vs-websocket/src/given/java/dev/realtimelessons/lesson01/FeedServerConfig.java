package dev.realtimelessons.lesson01;

import java.time.Duration;
import java.util.Map;

/**
 * How a {@link FeedServer} runs.
 *
 * @param host            the address to bind
 * @param port            0 for a free port
 * @param ratePerSecond   events per second the ticker publishes; 0 for none (tests publish by hand)
 * @param feedCapacity    how many recent events the feed keeps for clients that come back
 * @param longPollTimeout how long a long poll waits before answering 204
 * @param sseHeartbeat    how often a quiet SSE stream gets a comment line
 * @param sseRetry        the reconnection delay SSE clients are asked to use
 * @param workerThreads   Grizzly worker threads; 0 for Grizzly's default
 */
public record FeedServerConfig(String host, int port, double ratePerSecond, int feedCapacity,
                               Duration longPollTimeout, Duration sseHeartbeat, Duration sseRetry,
                               int workerThreads) {

    /**
     * The defaults: 127.0.0.1:8080, 2 events/s, 1,000 kept, 25 s long polls, 15 s heartbeats, 3 s retry.
     *
     * @return the defaults
     */
    public static FeedServerConfig defaults() {
        return new FeedServerConfig("127.0.0.1", 8080, 2, 1_000, Duration.ofSeconds(25), Duration.ofSeconds(15),
                Duration.ofSeconds(3), 0);
    }

    /**
     * For tests: a free port and no ticker; everything else as {@link #defaults()}.
     *
     * @return the test configuration
     */
    public static FeedServerConfig forTests() {
        return defaults().withPort(0).withRatePerSecond(0);
    }

    /**
     * The defaults, overridden by {@code HOST}, {@code PORT} and {@code RATE} where set.
     *
     * @param env the environment, usually {@link System#getenv()}
     * @return the configuration
     */
    public static FeedServerConfig fromEnvironment(Map<String, String> env) {
        FeedServerConfig config = defaults();
        if (env.containsKey("HOST")) {
            config = new FeedServerConfig(env.get("HOST"), config.port, config.ratePerSecond, config.feedCapacity,
                    config.longPollTimeout, config.sseHeartbeat, config.sseRetry, config.workerThreads);
        }
        if (env.containsKey("PORT")) {
            config = config.withPort(Integer.parseInt(env.get("PORT")));
        }
        if (env.containsKey("RATE")) {
            config = config.withRatePerSecond(Double.parseDouble(env.get("RATE")));
        }
        return config;
    }

    /**
     * This configuration with another port.
     *
     * @param port the port, 0 for a free one
     * @return a copy
     */
    public FeedServerConfig withPort(int port) {
        return new FeedServerConfig(host, port, ratePerSecond, feedCapacity, longPollTimeout, sseHeartbeat,
                sseRetry, workerThreads);
    }

    /**
     * This configuration with another rate.
     *
     * @param ratePerSecond events per second, 0 for none
     * @return a copy
     */
    public FeedServerConfig withRatePerSecond(double ratePerSecond) {
        return new FeedServerConfig(host, port, ratePerSecond, feedCapacity, longPollTimeout, sseHeartbeat,
                sseRetry, workerThreads);
    }

    /**
     * This configuration with another long-poll timeout.
     *
     * @param timeout how long a long poll waits
     * @return a copy
     */
    public FeedServerConfig withLongPollTimeout(Duration timeout) {
        return new FeedServerConfig(host, port, ratePerSecond, feedCapacity, timeout, sseHeartbeat, sseRetry,
                workerThreads);
    }

    /**
     * This configuration with another heartbeat interval.
     *
     * @param heartbeat how often a quiet SSE stream gets a comment
     * @return a copy
     */
    public FeedServerConfig withSseHeartbeat(Duration heartbeat) {
        return new FeedServerConfig(host, port, ratePerSecond, feedCapacity, longPollTimeout, heartbeat, sseRetry,
                workerThreads);
    }

    /**
     * This configuration with a fixed number of worker threads.
     *
     * @param threads the number of threads
     * @return a copy
     */
    public FeedServerConfig withWorkerThreads(int threads) {
        return new FeedServerConfig(host, port, ratePerSecond, feedCapacity, longPollTimeout, sseHeartbeat,
                sseRetry, threads);
    }
}
