package dev.realtimelessons.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.steps.Step1;

@Step1
@DisplayName("Step 1: the long-poll wait")
class LongPollTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @RegisterExtension
    final RunningFeedServer server = RunningFeedServer.startedByEachTest();

    @Test
    @DisplayName("a waiting long poll is answered as soon as an event arrives")
    void answersWhenAnEventArrives() throws Exception {
        server.start(FeedServerConfig.forTests());
        CompletableFuture<HttpResponse<String>> pending = longPoll(0);
        server.awaitSubscribers(1, "long polls");

        server.feed().publish();

        HttpResponse<String> response = pending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("events").findValuesAsText("id")).containsExactly("1");
        assertThat(Http.json(response).get("last").asLong()).isEqualTo(1);
        server.awaitSubscribers(0, "long polls");
    }

    @Test
    @DisplayName("a long poll with nothing new is answered 204 No Content after the timeout")
    void answers204AfterTheTimeout() throws Exception {
        server.start(FeedServerConfig.forTests().withLongPollTimeout(Duration.ofMillis(300)));

        HttpResponse<String> response = longPoll(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        server.awaitSubscribers(0, "long polls");
    }

    @Test
    @DisplayName("waiting long polls hold no thread: with 2 worker threads, 20 waiting polls still let others in")
    void waitingPollsHoldNoThread() throws Exception {
        server.start(FeedServerConfig.forTests().withWorkerThreads(2));
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(longPoll(0));
        }
        server.awaitSubscribers(20, "long polls");

        HttpResponse<String> shortPoll = Http.get(server.uri("http", "/poll?since=0"), Duration.ofSeconds(5));
        assertThat(shortPoll.statusCode()).as("a short poll while 20 long polls wait").isEqualTo(200);

        server.feed().publish();
        for (CompletableFuture<HttpResponse<String>> response : pending) {
            assertThat(response.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        server.awaitSubscribers(0, "long polls");
    }

    @Test
    @DisplayName("a client that hangs up while waiting leaves no subscription behind once its wait ends")
    void forgetsAClientThatHangsUp() throws Exception {
        // Grizzly does not read from a connection whose response is suspended, so it learns of the hang-up only
        // when it next writes: here, at the timeout. That is one reason a long poll needs a timeout at all.
        server.start(FeedServerConfig.forTests().withLongPollTimeout(Duration.ofMillis(300)));
        URI uri = server.uri("http", "/long-poll?since=0");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: "
                    + uri.getAuthority() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            server.awaitSubscribers(1, "long polls");
        }
        server.awaitSubscribers(0, "long polls");
    }

    private CompletableFuture<HttpResponse<String>> longPoll(long since) {
        HttpRequest request = HttpRequest.newBuilder(server.uri("http", "/long-poll?since=" + since))
                .timeout(WAIT).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
