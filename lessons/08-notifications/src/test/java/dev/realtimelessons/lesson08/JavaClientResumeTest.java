package dev.realtimelessons.lesson08;

import static dev.realtimelessons.lesson08.RunningNotifications.WAIT;
import static dev.realtimelessons.lesson08.RunningNotifications.notifyUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.postgres.PostgresPerTest;
import dev.realtimelessons.kit.redis.RedisPerClass;
import dev.realtimelessons.lesson06.ClusterServer;
import dev.realtimelessons.lesson08.client.EventStreamClient;
import dev.realtimelessons.lesson08.client.EventStreamListener;
import dev.realtimelessons.lesson08.client.StreamEvent;

@Tag("postgres")
@Tag("redis")
@DisplayName("The Java client across a server restart")
class JavaClientResumeTest {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    @RegisterExtension
    static final PostgresPerTest postgres = new PostgresPerTest();

    @RegisterExtension
    final RunningNotifications service = new RunningNotifications(redis, postgres);

    @Test
    @DisplayName("reconnects by itself with Last-Event-ID and gets what was posted while its server was down, once")
    void resumesAcrossARestart() {
        ClusterServer a = service.start();
        ClusterServer b = service.start();
        int port = a.uri("http", "/").getPort();
        URI stream = a.uri("http", "/sse");
        List<String> titles = new CopyOnWriteArrayList<>();
        List<String> readies = new CopyOnWriteArrayList<>();
        EventStreamClient client = EventStreamClient.builder(stream)
                .headers(() -> Map.of("Authorization", "Bearer " + service.token("ada")))
                .maxBackoff(Duration.ofMillis(500))
                .listener(new EventStreamListener() {
                    @Override
                    public void onEvent(StreamEvent event) {
                        if (event.event().equals("notification")) {
                            titles.add(Json.tree(event.data()).get("title").asText());
                        } else if (event.event().equals("ready")) {
                            readies.add(event.data());
                        }
                    }
                }).connect();
        try {
            await("the first ready").atMost(WAIT).until(() -> readies.size() == 1);
            notifyUser(b, "ada", "1");
            await("notification 1").atMost(WAIT).until(() -> titles.size() == 1);

            a.close(); // the stream ends; the client retries until a server answers on the port again
            notifyUser(b, "ada", "2");
            notifyUser(b, "ada", "3");
            service.start(NotificationsConfig.defaults(), port);
            await("the stream resumed on the restarted server").atMost(WAIT).until(() -> readies.size() == 2);
            notifyUser(b, "ada", "4");
            await("notification 4").atMost(WAIT).until(() -> titles.contains("4"));

            assertThat(titles).as("each once, in order").containsExactly("1", "2", "3", "4");
            assertThat(Json.tree(readies.get(1)).get("replayed").asInt()).as("2 and 3 came from the inbox")
                    .isEqualTo(2);
        } finally {
            client.close();
        }
    }
}
