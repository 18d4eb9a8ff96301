package dev.realtimelessons.lesson05.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Configures a {@link RealtimeClient}; get one from {@link RealtimeClient#builder(URI)}. Handlers are added, not
 * replaced: each one added is called. A builder may build several clients; each gets its own backoff from the
 * supplier.
 */
public final class RealtimeClientBuilder {

    // Read by RealtimeClient's constructor and Handlers, in this package.
    final URI uri;
    final Map<String, String> headers = new LinkedHashMap<>();
    Supplier<Map<String, String>> freshHeaders = Map::of;
    Supplier<Backoff> backoff = () -> Backoff.defaults(new SplittableRandom());
    Duration requestTimeout = Duration.ofSeconds(10);
    final List<StateListener> stateListeners = new ArrayList<>();
    final Map<String, List<Consumer<JsonNode>>> typeHandlers = new HashMap<>();
    final List<Consumer<JsonNode>> roomHandlers = new ArrayList<>();
    final List<Consumer<Recovery>> recoveryHandlers = new ArrayList<>();

    RealtimeClientBuilder(URI uri) {
        this.uri = uri;
    }

    /**
     * Adds a header to every handshake, for example {@code Authorization}.
     *
     * @param name  the header's name
     * @param value its value (never logged)
     * @return this builder
     */
    public RealtimeClientBuilder header(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Asks for headers before every connection attempt, for example a fresh token; they are added to (and
     * override) those of {@link #header(String, String)}. Called on the client's thread: it must not block for
     * long.
     *
     * @param headers returns the headers for one attempt
     * @return this builder
     */
    public RealtimeClientBuilder headers(Supplier<Map<String, String>> headers) {
        this.freshHeaders = Objects.requireNonNull(headers, "headers");
        return this;
    }

    /**
     * Sets where each client gets its backoff. The default is {@link Backoff#defaults} with its own random
     * generator: clients must not share one sequence of delays, or their reconnects would fall together.
     *
     * @param backoff returns a new backoff for each client built
     * @return this builder
     */
    public RealtimeClientBuilder backoff(Supplier<Backoff> backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        return this;
    }

    /**
     * Sets the backoff. A backoff counts its attempts: give each client its own (build only one client with it,
     * or use {@link #backoff(Supplier)}).
     *
     * @param backoff the backoff
     * @return this builder
     */
    public RealtimeClientBuilder backoff(Backoff backoff) {
        Objects.requireNonNull(backoff, "backoff");
        this.backoff = () -> backoff;
        return this;
    }

    /**
     * Sets how long a request waits for its answer; also the limit for a handshake, and for the {@code connected}
     * message after it. The default is 10 s.
     *
     * @param timeout more than zero
     * @return this builder
     */
    public RealtimeClientBuilder requestTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be more than zero, was " + timeout);
        }
        this.requestTimeout = timeout;
        return this;
    }

    /**
     * Adds a listener for every change of state.
     *
     * @param listener the listener
     * @return this builder
     */
    public RealtimeClientBuilder onState(StateListener listener) {
        stateListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Adds a handler for every server message of a type, as it arrives: for example {@code "notification"}. For
     * {@code "message"} it gets room messages raw, repeats included; use {@link #onRoomMessage(Consumer)} for each
     * one once.
     *
     * @param type    the message type
     * @param handler gets the message
     * @return this builder
     */
    public RealtimeClientBuilder on(String type, Consumer<JsonNode> handler) {
        typeHandlers.computeIfAbsent(Objects.requireNonNull(type, "type"), key -> new ArrayList<>())
                .add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Adds a handler for the room {@code message}s of the remembered rooms: each once, in {@code seq} order per
     * room, across reconnects (the rules are in {@code RoomCursor}).
     *
     * @param handler gets the message, with its {@code room}, {@code from}, {@code data}, {@code seq} and
     *                {@code ts}, and {@code history: true} if it was replayed
     * @return this builder
     */
    public RealtimeClientBuilder onRoomMessage(Consumer<JsonNode> handler) {
        roomHandlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Adds a handler for the outcome of each resuming join (one that carried {@code since}), called after the
     * messages it replayed were delivered. On {@code recovered == false} the application must reload the room
     * from its source of truth: messages may be missing.
     *
     * @param handler gets the outcome
     * @return this builder
     */
    public RealtimeClientBuilder onRecovery(Consumer<Recovery> handler) {
        recoveryHandlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Builds the client, not yet connected: call {@link RealtimeClient#connect()}.
     *
     * @return the client, in state {@link ConnectionState#CLOSED}
     */
    public RealtimeClient build() {
        return new RealtimeClient(this);
    }
}
