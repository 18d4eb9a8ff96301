package dev.realtimelessons.lesson03;

import java.time.Duration;
import java.util.Map;

import dev.realtimelessons.lesson02.ChatServerConfig;

/**
 * How a {@link RoomsServer} runs.
 *
 * @param chat            lesson 02's settings: address, frame limit, outbox capacity
 * @param historySize     how many recent messages a room keeps for members who join
 * @param typingExpiry    how long a typing indicator lasts without a refresh
 * @param burst           the token bucket's capacity: messages a connection may send at once
 * @param perSecond       the bucket's refill rate: messages per second in the long run
 * @param floodCloseAfter refused messages in a row after which the connection is closed with 1008
 */
public record RoomsConfig(ChatServerConfig chat, int historySize, Duration typingExpiry, int burst,
                          double perSecond, int floodCloseAfter) {

    /**
     * The defaults: lesson 02's, 50 messages of history, 3 s typing, 20 messages at once, 10 per second, closed
     * after 50 refused in a row.
     *
     * @return the defaults
     */
    public static RoomsConfig defaults() {
        return new RoomsConfig(ChatServerConfig.defaults(), 50, Duration.ofSeconds(3), 20, 10, 50);
    }

    /**
     * For tests: a free port, everything else as {@link #defaults()}.
     *
     * @return the test configuration
     */
    public static RoomsConfig forTests() {
        return defaults().withChat(ChatServerConfig.forTests());
    }

    /**
     * The defaults with lesson 02's variables from the environment where set: {@code HOST}, {@code PORT} and the
     * connection limits {@code MAX_CONNECTIONS}, {@code MAX_CONNECTIONS_PER_USER}, {@code MAX_CONNECTIONS_PER_IP}
     * (see {@link ChatServerConfig#fromEnvironment}).
     *
     * @param env the environment
     * @return the configuration
     */
    public static RoomsConfig fromEnvironment(Map<String, String> env) {
        return defaults().withChat(ChatServerConfig.fromEnvironment(env));
    }

    /** @param chat lesson 02's settings @return a copy with them */
    public RoomsConfig withChat(ChatServerConfig chat) {
        return new RoomsConfig(chat, historySize, typingExpiry, burst, perSecond, floodCloseAfter);
    }

    /** @param size messages kept per room @return a copy with that history size */
    public RoomsConfig withHistorySize(int size) {
        return new RoomsConfig(chat, size, typingExpiry, burst, perSecond, floodCloseAfter);
    }

    /** @param expiry how long typing lasts @return a copy with that expiry */
    public RoomsConfig withTypingExpiry(Duration expiry) {
        return new RoomsConfig(chat, historySize, expiry, burst, perSecond, floodCloseAfter);
    }

    /**
     * @param burst           messages at once
     * @param perSecond       refill rate
     * @param floodCloseAfter refused messages in a row before closing
     * @return a copy with that flood control
     */
    public RoomsConfig withFloodControl(int burst, double perSecond, int floodCloseAfter) {
        return new RoomsConfig(chat, historySize, typingExpiry, burst, perSecond, floodCloseAfter);
    }
}
