package dev.realtimelessons.lesson01;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.realtimelessons.kit.testing.Http;

/** The given short-poll endpoint, and the input rules every endpoint shares. */
@DisplayName("Polling (given code)")
class PollingTest {

    @RegisterExtension
    final RunningFeedServer server = RunningFeedServer.with(FeedServerConfig.forTests());

    @Test
    @DisplayName("a short poll answers the events after since, and the cursor to send next")
    void answersEventsAfterSince() {
        server.publish(3);

        JsonNode answer = Http.json(Http.get(server.uri("http", "/poll?since=1")));

        assertThat(answer.get("events").findValuesAsText("id")).containsExactly("2", "3");
        assertThat(answer.get("last").asLong()).isEqualTo(3);
    }

    @Test
    @DisplayName("a short poll with nothing new answers an empty list and the same cursor")
    void answersEmptyWhenNothingIsNew() {
        server.publish(3);

        JsonNode answer = Http.json(Http.get(server.uri("http", "/poll?since=3")));

        assertThat(answer.get("events")).isEmpty();
        assertThat(answer.get("last").asLong()).isEqualTo(3);
    }

    @Test
    @DisplayName("a poll without since starts from now")
    void omittedSinceMeansFromNow() {
        server.publish(2);

        JsonNode answer = Http.json(Http.get(server.uri("http", "/poll")));

        assertThat(answer.get("events")).isEmpty();
        assertThat(answer.get("last").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("a long poll answers at once when events are already there")
    void longPollAnswersAtOnceWhenEventsWait() {
        server.publish(2);

        JsonNode answer = Http.json(Http.get(server.uri("http", "/long-poll?since=0")));

        assertThat(answer.get("events").findValuesAsText("id")).containsExactly("1", "2");
    }

    @ParameterizedTest(name = "{0}?since={1} is refused")
    @DisplayName("a poll with a bad cursor gets 400 and a JSON error")
    @CsvSource({
            "/poll, abc", "/poll, -1", "/poll, 1.5", "/poll, 99999999999999999999", "/poll, 4",
            "/poll, +3", "/poll, %2B3", "/poll, %203", "/poll, 3%20", "/poll, 0x3",
            "/long-poll, abc", "/long-poll, -1", "/long-poll, 99999999999999999999", "/long-poll, 4",
            "/long-poll, +3", "/long-poll, %203"})
    void refusesBadCursors(String path, String since) {
        server.publish(3);

        HttpResponse<String> response = Http.get(server.uri("http", path + "?since=" + since));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = Http.json(response);
        assertThat(error.get("error").asText()).isEqualTo("invalid_since");
        assertThat(error.get("message").asText()).contains("since");
    }

    @ParameterizedTest(name = "an empty since on {0} is refused")
    @DisplayName("a poll with an empty cursor gets 400")
    @ValueSource(strings = {"/poll", "/long-poll"})
    void refusesEmptyCursor(String path) {
        assertThat(Http.get(server.uri("http", path + "?since=")).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("an unknown path gets 404 and a JSON error, not an HTML page")
    @ValueSource(strings = {"/nothing", "/missing.js", "/lesson01/index.html"})
    void unknownPathsAre404(String path) {
        HttpResponse<String> response = Http.get(server.uri("http", path));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(Http.json(response).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    @DisplayName("anything but GET gets 405 and a JSON error")
    void refusesOtherMethods() {
        HttpResponse<String> response = Http.postJson(server.uri("http", "/poll"), "{}");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(Http.json(response).get("error").asText()).isEqualTo("method_not_allowed");
    }
}
