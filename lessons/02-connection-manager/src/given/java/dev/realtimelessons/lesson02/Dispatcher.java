package dev.realtimelessons.lesson02;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ClientRequest;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.Request;
import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * Routes each client message to the handler of its {@code type} and answers it.
 *
 * <p>Every request that carries an {@code id} gets exactly one answer carrying the same {@code id}: what the
 * handler returns ({@code pong} for {@code ping}, {@code stats} for {@code stats}), an {@code ack}, or an
 * {@code error}. A bad message gets an error; the connection stays open, unless the error says it closes
 * ({@link ProtocolError#thenClose}), and then the close comes after the error. Handlers run on Tyrus's thread and
 * must not block: they only queue messages. A handler that must wait on something runs on an executor of its own
 * ({@link #runOn}).
 */
public final class Dispatcher {

    /**
     * Handles one message type.
     *
     * @param <R> the type's request record
     */
    @FunctionalInterface
    public interface Handler<R extends ClientRequest> {
        /**
         * Handles a request.
         *
         * @param from    the sender's connection
         * @param request the request, decoded and checked
         * @return the answer to send back (the dispatcher adds the id), or null for a plain {@code ack}
         * @throws ProtocolError to answer with an error
         */
        ServerMessage handle(Connection from, R request) throws ProtocolError;
    }

    /** A type's record and its handler. */
    private record Route<R extends ClientRequest>(Class<R> type, Handler<R> handler) {
        @SuppressWarnings("unchecked") // whoever adds a check for the type names the type's record
        ServerMessage handle(Connection from, Request request, List<Check<?>> checks) throws ProtocolError {
            R decoded = request.decode(type); // the one place where a frame becomes its record
            for (Check<?> check : checks) {
                ((Check<R>) check).check(from, decoded);
            }
            return handler.handle(from, decoded);
        }
    }

    /** Looks at every frame before it is parsed, for example to limit a flooding client. */
    @FunctionalInterface
    public interface Gate {
        /**
         * Decides whether a frame is handled.
         *
         * @param from the sender's connection
         * @param text the frame
         * @throws ProtocolError to refuse the frame with an error
         */
        void admit(Connection from, String text) throws ProtocolError;
    }

    /**
     * Checks a request of one type before its handler runs, for example whether the sender may do it.
     *
     * @param <R> the type's request record
     */
    @FunctionalInterface
    public interface Check<R extends ClientRequest> {
        /**
         * Decides whether a request is handled.
         *
         * @param from    the sender's connection
         * @param request the request, decoded and checked
         * @throws ProtocolError to refuse the request with an error
         */
        void check(Connection from, R request) throws ProtocolError;
    }

    /** Chooses the thread a request's handler runs on, when it must not run on Tyrus's (lesson 06: Redis). */
    @FunctionalInterface
    public interface Placement {
        /**
         * Chooses where a request is handled.
         *
         * @param from    the sender's connection
         * @param request the request
         * @return the executor that runs the checks, the handler and the answer
         */
        Executor executorFor(Connection from, Request request);
    }

    private final Map<String, Route<?>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Placement> placements = new ConcurrentHashMap<>();
    private final Map<String, List<Check<?>>> checks = new ConcurrentHashMap<>();
    private final List<Gate> gates = new ArrayList<>();

    /**
     * Handles a type. A later lesson adds its types to the same dispatcher.
     *
     * @param type        the message type
     * @param requestType the record its frames are decoded into ({@link Request#decode})
     * @param handler     its handler
     * @param <R>         the record
     * @return this dispatcher
     */
    public <R extends ClientRequest> Dispatcher on(String type, Class<R> requestType, Handler<R> handler) {
        JsonTypeName name = requestType.getAnnotation(JsonTypeName.class);
        if (name == null || !name.value().equals(type)) {
            throw new IllegalArgumentException(requestType.getName() + " needs @JsonTypeName(\"" + type + "\")");
        }
        if (handlers.putIfAbsent(type, new Route<>(requestType, handler)) != null) {
            throw new IllegalStateException("type " + type + " already has a handler");
        }
        return this;
    }

    /**
     * Replaces the request record and the handler of a type, for a later lesson whose request carries more (lesson
     * 07: a {@code publish} with a {@code client_msg_id}). The type's checks and placement stay. Call before the
     * server starts.
     *
     * @param type        the message type, which must have a handler
     * @param requestType the record its frames are decoded into from now on
     * @param handler     its handler from now on
     * @param <R>         the record
     * @return this dispatcher
     */
    public <R extends ClientRequest> Dispatcher replace(String type, Class<R> requestType, Handler<R> handler) {
        if (handlers.remove(type) == null) {
            throw new IllegalStateException("type " + type + " has no handler to replace");
        }
        return on(type, requestType, handler);
    }

    /**
     * Adds a gate every frame must pass first. Call before the server starts.
     *
     * @param gate the gate
     * @return this dispatcher
     */
    public Dispatcher gate(Gate gate) {
        gates.add(gate);
        return this;
    }

    /**
     * Adds a check that requests of a type must pass before their handler runs (lesson 04: may this user join
     * this room?). A check only decides: it changes nothing, so the order in which checks were added does not
     * matter (only which error a request that fails two of them gets). Work to do once every check has passed
     * belongs in {@link #around}. Call before the server starts.
     *
     * @param type  the message type
     * @param check the check, of the record that {@link #on} gave for the type
     * @param <R>   that record
     * @return this dispatcher
     */
    public <R extends ClientRequest> Dispatcher before(String type, Check<R> check) {
        checks.computeIfAbsent(type, key -> new CopyOnWriteArrayList<>()).add(check);
        return this;
    }

    /**
     * Wraps the handler of a type, for work that must come after every check and before the handler (lesson 06:
     * subscribing to a room's channel before joining it). Call before the server starts.
     *
     * @param type        the message type, which must have a handler
     * @param requestType the record that {@link #on} gave for the type
     * @param wrapper     given the current handler, returns the one to use instead
     * @param <R>         that record
     * @return this dispatcher
     */
    public <R extends ClientRequest> Dispatcher around(String type, Class<R> requestType,
                                                       UnaryOperator<Handler<R>> wrapper) {
        Route<?> route = handlers.get(type);
        if (route == null) {
            throw new IllegalStateException("type " + type + " has no handler to wrap");
        }
        if (route.type() != requestType) {
            throw new IllegalArgumentException("type " + type + " is decoded as " + route.type().getSimpleName()
                    + ", not " + requestType.getSimpleName());
        }
        @SuppressWarnings("unchecked") // checked just above
        Handler<R> current = ((Route<R>) route).handler();
        handlers.put(type, new Route<>(requestType, wrapper.apply(current)));
        return this;
    }

    /**
     * Runs the checks and the handler of a type on an executor that the placement chooses, instead of on Tyrus's
     * thread: for handlers that wait on something, such as lesson 06's Redis. Requests of one type that the
     * placement sends to the same single-threaded executor are handled in the order they arrived. Call before the
     * server starts.
     *
     * @param type      the message type
     * @param placement chooses the executor for each request
     * @return this dispatcher
     */
    public Dispatcher runOn(String type, Placement placement) {
        placements.put(type, placement);
        return this;
    }

    /**
     * Handles one frame from a connection.
     *
     * @param from the sender's connection
     * @param text the frame
     */
    public void dispatch(Connection from, String text) {
        Request request = null;
        try {
            for (Gate gate : gates) {
                gate.admit(from, text);
            }
            request = Request.parse(text);
            Route<?> handler = handlers.get(request.type());
            if (handler == null) {
                throw new ProtocolError(ErrorCode.UNKNOWN_TYPE, "unknown type '" + request.type() + "'");
            }
            Placement placement = placements.get(request.type());
            if (placement == null) {
                handle(from, request, handler);
            } else {
                Request placed = request;
                placement.executorFor(from, request).execute(() -> handle(from, placed, handler));
            }
        } catch (ProtocolError error) {
            refuse(from, error, request == null ? Request.idOf(text) : request.id());
        } catch (RuntimeException bug) {
            from.close(ServerError.CODE, ServerError.reason(bug));
        }
    }

    private void handle(Connection from, Request request, Route<?> handler) {
        try {
            ServerMessage answer = handler.handle(from, request, checks.getOrDefault(request.type(), List.of()));
            if (answer == null && request.id() != null) {
                answer = new Messages.Ack();
            }
            if (answer != null) {
                from.send(Messages.text(answer, request.id()));
            }
        } catch (ProtocolError error) {
            refuse(from, error, request.id());
        } catch (RuntimeException bug) {
            from.close(ServerError.CODE, ServerError.reason(bug));
        }
    }

    private static void refuse(Connection from, ProtocolError error, JsonNode id) {
        from.send(Messages.text(new Messages.ErrorMessage(error), id));
        if (error.closes()) { // after the error, and after every answer queued before it
            from.closeAfterQueued(error.closeCode(), error.closeReason());
        }
    }
}
