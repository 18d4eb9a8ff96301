package dev.realtimelessons.lesson01.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.lesson01.feed.Event;

/**
 * Asks {@code GET /poll?since=N} every interval, whether or not anything is new.
 */
public final class ShortPollingClient implements FeedClient {

    private static final System.Logger LOG = System.getLogger(ShortPollingClient.class.getName());

    private final URI base;
    private final Duration interval;
    private final HttpClient http = Clients.http();
    private final AtomicLong requests = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private long cursor;

    /**
     * Creates the client.
     *
     * @param base     the server, for example {@code http://127.0.0.1:8080}
     * @param interval the time between two polls
     */
    public ShortPollingClient(URI base, Duration interval) {
        this.base = base;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "short polling";
    }

    @Override
    public void start(long since, Consumer<Event> onEvent) {
        cursor = since;
        scheduler.scheduleWithFixedDelay(() -> poll(onEvent), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    // tag::poll[]
    private void poll(Consumer<Event> onEvent) {
        HttpRequest request = HttpRequest.newBuilder(Clients.resolve(base, "/poll?since=" + cursor)).build();
        try {
            requests.incrementAndGet();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            PollAnswer answer = Json.read(response.body(), PollAnswer.class);
            answer.events().forEach(onEvent);
            cursor = answer.last();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "poll failed, will try at the next interval: {0}", e.toString());
        }
    }
    // end::poll[]

    @Override
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
