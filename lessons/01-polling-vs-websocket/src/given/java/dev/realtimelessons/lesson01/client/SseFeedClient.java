package dev.realtimelessons.lesson01.client;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.sse.SseParser;
import dev.realtimelessons.lesson01.feed.Event;

/**
 * Reads {@code GET /events} as a browser's {@code EventSource} would: one long response, events parsed from its
 * lines, and when it ends, a reconnect after the server's {@code retry:} delay with {@code Last-Event-ID}.
 */
public final class SseFeedClient extends LoopingClient {

    private static final System.Logger LOG = System.getLogger(SseFeedClient.class.getName());

    private final URI base;
    private final HttpClient http = Clients.http();
    private volatile InputStream body;
    private volatile long retryMillis = Clients.RETRY_AFTER_ERROR.toMillis();

    /**
     * Creates the client.
     *
     * @param base the server, for example {@code http://127.0.0.1:8080}
     */
    public SseFeedClient(URI base) {
        super("sse-client");
        this.base = base;
    }

    @Override
    public String name() {
        return "SSE";
    }

    @Override
    void run(long since, Consumer<Event> onEvent) {
        String lastEventId = Long.toString(since);
        while (!Thread.currentThread().isInterrupted()) {
            SseParser parser = new SseParser(new SseParser.Listener() {
                @Override
                public void onEvent(String id, String event, String data) {
                    onEvent.accept(Json.read(data, Event.class));
                }

                @Override
                public void onRetry(long millis) {
                    retryMillis = millis;
                }
            });
            // tag::connect[]
            HttpRequest request = HttpRequest.newBuilder(Clients.resolve(base, "/events"))
                    .header("Accept", "text/event-stream")
                    .header("Last-Event-ID", lastEventId)
                    .build();
            try {
                requests.incrementAndGet();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        parser.line(line);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "event stream broke: {0}", e.toString());
            }
            if (parser.lastEventId() != null) {
                lastEventId = parser.lastEventId(); // resume where this stream stopped
            }
            // end::connect[]
            if (!Clients.pause(Duration.ofMillis(retryMillis))) {
                return;
            }
        }
    }

    @Override
    public void close() {
        super.close();
        InputStream stream = body;
        if (stream != null) {
            try {
                stream.close();
            } catch (Exception ignored) {
                // closing is all we wanted
            }
        }
    }
}
