package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.realtimelessons.kit.testing.Http;
import dev.realtimelessons.kit.testing.WsTestClient;

/** REST input is validated like WebSocket input (given code). */
@DisplayName("The REST API")
class RestApiTest {

    @RegisterExtension
    final RunningChatServer server = new RunningChatServer(ChatServerConfig.forTests());

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @DisplayName("refuses bad requests with a status and a JSON error")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            POST   | /api/notify/ada   | {"data":                        | 400 | malformed_json
            POST   | /api/notify/ada   | [1]                             | 400 | malformed_json
            POST   | /api/notify/ada   | {"data": 1} x                   | 400 | malformed_json
            POST   | /api/notify/ada   | {"data": 1}{"data": 2}          | 400 | malformed_json
            POST   | /api/broadcast    | {"data": 1} {"data": 2}         | 400 | malformed_json
            POST   | /api/notify/ada   | {"nodata": 1}                   | 400 | invalid_field
            POST   | /api/notify/a%20b | {"data": 1}                     | 400 | invalid_field
            POST   | /api/broadcast    | {"data": 1, "exclude_user": 5}  | 400 | invalid_field
            POST   | /api/broadcast    | {"data": 1, "exclude_user": "a b"} | 400 | invalid_field
            POST   | /api/broadcast    | {}                              | 400 | invalid_field
            GET    | /api/nothing      |                                 | 404 | not_found
            GET    | /nothing          |                                 | 404 | not_found
            GET    | /ws               |                                 | 404 | not_found
            DELETE | /api/stats        |                                 | 405 | method_not_allowed
            GET    | /api/broadcast    |                                 | 405 | method_not_allowed
            """)
    void refusesBadRequests(String method, String path, String body, int status, String code) {
        HttpResponse<String> response = Http.send(method, server.uri("http", path), body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(Http.json(response).get("error").asText()).isEqualTo(code);
    }

    @Test
    @DisplayName("refuses a body over 64 KiB with 413")
    void refusesLargeBodies() {
        HttpResponse<String> response = Http.send("POST", server.uri("http", "/api/broadcast"),
                "{\"data\":\"" + "x".repeat(70 * 1024) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Http.json(response).get("error").asText()).isEqualTo("message_too_large");
    }

    @Test
    @DisplayName("notifying a user with no connection delivers to nobody, without an error")
    void notifyOfflineUser() {
        HttpResponse<String> response = Http.postJson(server.uri("http", "/api/notify/nobody"), "{\"data\": 1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("delivered").asInt()).isZero();
    }

    @Test
    @DisplayName("a notification's data arrives untouched: its numbers keep the digits they were sent with")
    void notificationNumbersArriveExactly() {
        WsTestClient ada = server.connect("ada");
        String data = "[0.1000000000000000000001,1E+2,1.50,123456789012345678901234567890]";

        HttpResponse<String> response = Http.postJson(server.uri("http", "/api/notify/ada"),
                "{\"data\":" + data + "}");

        assertThat(response.statusCode()).isEqualTo(200);
        ada.awaitMessage("notification", RunningChatServer.WAIT);
        assertThat(ada.received()).filteredOn(text -> text.contains("\"notification\""))
                .singleElement(InstanceOfAssertFactories.STRING).contains("\"data\":" + data + ",");
    }

    @Test
    @DisplayName("answers 404 for a connection that is not open")
    void deleteUnknownIs404() {
        HttpResponse<String> response = Http.send("DELETE", server.uri("http", "/api/connections/nope"), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.json(response).get("error").asText()).isEqualTo("not_found");
    }
}
