package dev.realtimelessons.lesson02;

import java.util.Map;

import dev.realtimelessons.kit.server.RealtimeServer;

/**
 * How a {@link ChatServer} runs.
 *
 * @param host             the address to bind
 * @param port             0 for a free port
 * @param maxMessageBytes  the largest message a client may send (its UTF-8 bytes, in one frame or several); the
 *                         server closes with 1009 as soon as a frame header announces more
 * @param outboxCapacity   messages that may wait for one client before it is cut off as too slow
 */
public record ChatServerConfig(String host, int port, int maxMessageBytes, int outboxCapacity) {

    /**
     * The defaults: 127.0.0.1:8080, 64 KiB messages, 256 queued messages per connection.
     *
     * @return the defaults
     */
    public static ChatServerConfig defaults() {
        return new ChatServerConfig("127.0.0.1", 8080, RealtimeServer.DEFAULT_MAX_MESSAGE_BYTES, 256);
    }

    /**
     * For tests: a free port, everything else as {@link #defaults()}.
     *
     * @return the test configuration
     */
    public static ChatServerConfig forTests() {
        return defaults().withPort(0);
    }

    /**
     * The defaults, with {@code HOST} and {@code PORT} from the environment where set.
     *
     * @param env the environment
     * @return the configuration
     */
    public static ChatServerConfig fromEnvironment(Map<String, String> env) {
        ChatServerConfig defaults = defaults();
        return new ChatServerConfig(env.getOrDefault("HOST", defaults.host),
                Integer.parseInt(env.getOrDefault("PORT", Integer.toString(defaults.port))),
                defaults.maxMessageBytes, defaults.outboxCapacity);
    }

    /**
     * @param port the port
     * @return a copy with that port
     */
    public ChatServerConfig withPort(int port) {
        return new ChatServerConfig(host, port, maxMessageBytes, outboxCapacity);
    }

    /**
     * @param capacity messages that may wait for one client
     * @return a copy with that capacity
     */
    public ChatServerConfig withOutboxCapacity(int capacity) {
        return new ChatServerConfig(host, port, maxMessageBytes, capacity);
    }
}
