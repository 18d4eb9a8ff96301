package dev.realtimelessons.lesson01.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.lesson01.feed.Event;

/**
 * Asks {@code GET /long-poll?since=N} and asks again as soon as the answer arrives: 200 with events, or 204 when
 * the server's wait timed out.
 */
public final class LongPollingClient extends LoopingClient {

    private static final System.Logger LOG = System.getLogger(LongPollingClient.class.getName());

    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient http = Clients.http();

    /**
     * Creates the client.
     *
     * @param base           the server, for example {@code http://127.0.0.1:8080}
     * @param requestTimeout how long one request may take: longer than the server's long-poll timeout
     */
    public LongPollingClient(URI base, Duration requestTimeout) {
        super("long-polling-client");
        this.base = base;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public String name() {
        return "long polling";
    }

    // tag::loop[]
    @Override
    void run(long since, Consumer<Event> onEvent) {
        long cursor = since;
        while (!Thread.currentThread().isInterrupted()) {
            HttpRequest request = HttpRequest.newBuilder(Clients.resolve(base, "/long-poll?since=" + cursor))
                    .timeout(requestTimeout).build();
            try {
                requests.incrementAndGet();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    PollAnswer answer = Json.read(response.body(), PollAnswer.class);
                    answer.events().forEach(onEvent);
                    cursor = answer.last();
                } else if (response.statusCode() != 204) { // 204: nothing new in time, ask again
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "long poll failed, retrying: {0}", e.toString());
                if (!Clients.pause(Clients.RETRY_AFTER_ERROR)) {
                    return;
                }
            }
        }
    }
    // end::loop[]
}
