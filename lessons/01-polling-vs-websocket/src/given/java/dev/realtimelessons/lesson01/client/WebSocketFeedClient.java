package dev.realtimelessons.lesson01.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.lesson01.feed.Event;

/**
 * Opens {@code ws://.../ws?since=N} once and receives every event as a text message.
 */
public final class WebSocketFeedClient implements FeedClient {

    private final URI base;
    private final HttpClient http = Clients.http();
    private volatile WebSocket socket;
    private final AtomicLong requests = new AtomicLong();

    /**
     * Creates the client.
     *
     * @param base the server, for example {@code http://127.0.0.1:8080} ({@code http} becomes {@code ws})
     */
    public WebSocketFeedClient(URI base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "WebSocket";
    }

    @Override
    public void start(long since, Consumer<Event> onEvent) {
        URI uri = Clients.resolve(URI.create(base.toString().replaceFirst("^http", "ws")), "/ws?since=" + since);
        requests.incrementAndGet();
        // tag::listener[]
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                message.append(data); // a message may arrive in several parts
                if (last) {
                    onEvent.accept(Json.read(message.toString(), Event.class));
                    message.setLength(0);
                }
                webSocket.request(1); // ready for the next part: this is the client's flow control
                return null;
            }
        };
        // end::listener[]
        try {
            socket = http.newWebSocketBuilder().buildAsync(uri, listener).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
    }

    @Override
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            ws.abort();
        }
    }
}
