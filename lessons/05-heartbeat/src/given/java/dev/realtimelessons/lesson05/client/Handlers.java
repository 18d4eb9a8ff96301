package dev.realtimelessons.lesson05.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The application's handlers and listeners of one {@link RealtimeClient}, fixed when it is built. Each call is
 * guarded: a handler that throws is logged, and neither stops the client nor keeps the other handlers from
 * running. Called on the client's thread only.
 */
final class Handlers {

    private static final System.Logger LOG = System.getLogger(Handlers.class.getName());

    private final List<StateListener> stateListeners;
    private final Map<String, List<Consumer<JsonNode>>> typeHandlers;
    private final List<Consumer<JsonNode>> roomHandlers;
    private final List<Consumer<Recovery>> recoveryHandlers;

    /**
     * Copies the builder's handlers.
     *
     * @param builder the builder
     */
    Handlers(RealtimeClientBuilder builder) {
        this.stateListeners = List.copyOf(builder.stateListeners);
        Map<String, List<Consumer<JsonNode>>> byType = new HashMap<>();
        builder.typeHandlers.forEach((type, handlers) -> byType.put(type, List.copyOf(handlers)));
        this.typeHandlers = Map.copyOf(byType);
        this.roomHandlers = List.copyOf(builder.roomHandlers);
        this.recoveryHandlers = List.copyOf(builder.recoveryHandlers);
    }

    /**
     * Tells the state listeners of a change.
     *
     * @param from   the state before
     * @param to     the state now
     * @param reason why, for a person
     */
    void stateChanged(ConnectionState from, ConnectionState to, String reason) {
        for (StateListener listener : stateListeners) {
            call(value -> listener.stateChanged(from, to, reason), null, "a state listener");
        }
    }

    /**
     * Hands a server message to the handlers of its type.
     *
     * @param type    its type
     * @param message the message
     */
    void typed(String type, JsonNode message) {
        for (Consumer<JsonNode> handler : typeHandlers.getOrDefault(type, List.of())) {
            call(handler, message, "the handler of " + type);
        }
    }

    /**
     * Delivers room messages, in the order given, to every room handler.
     *
     * @param messages what the room cursors let through
     */
    void roomMessages(List<JsonNode> messages) {
        for (JsonNode message : messages) {
            roomHandlers.forEach(handler -> call(handler, message, "a room message handler"));
        }
    }

    /**
     * Reports the outcome of a resuming join.
     *
     * @param recovery the outcome
     */
    void recovery(Recovery recovery) {
        LOG.log(System.Logger.Level.DEBUG, "{0}", recovery);
        recoveryHandlers.forEach(handler -> call(handler, recovery, "a recovery handler"));
    }

    private static <T> void call(Consumer<T> handler, T value, String what) {
        try {
            handler.accept(value);
        } catch (RuntimeException e) { // one failing handler must not stop the client or the other handlers
            LOG.log(System.Logger.Level.WARNING, what + " failed", e);
        }
    }
}
