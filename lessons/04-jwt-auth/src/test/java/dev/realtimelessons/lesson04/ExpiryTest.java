package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step3;
import dev.realtimelessons.lesson02.Connection;

@Step3
@DisplayName("Step 3: tokens that expire on an open connection, refresh and logout")
class ExpiryTest {

    /** JWT times are whole seconds: a token issued now for 2 s expires 1 to 2 s from now. */
    private static final Duration SHORT = Duration.ofSeconds(2);

    @RegisterExtension
    final RunningAuthServer server = new RunningAuthServer(AuthServerConfig.forTests());

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> expired = new CopyOnWriteArrayList<>();
    private final ExpiryWatch watch = new ExpiryWatch(scheduler, Clock.systemUTC(),
            connection -> expired.add(connection.id()));

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    @DisplayName("a time already past expires the connection at once; no expiry means none")
    void pastAndNever() {
        watch.watch(new Connection("c1", "ada", null), Instant.now().minusSeconds(1));
        watch.watch(new Connection("c2", "svc", null), null);

        await("the expiry of c1").atMost(RunningAuthServer.WAIT).until(() -> expired.contains("c1"));
        assertThat(expired).containsExactly("c1");
        assertThat(watch.watched()).isZero();
    }

    @Test
    @DisplayName("a later time replaces the earlier one, and forget cancels it")
    void replaceAndForget() {
        Connection ada = new Connection("c1", "ada", null);
        Connection bob = new Connection("c2", "bob", null);
        watch.watch(ada, Instant.now().plusMillis(300));
        watch.watch(ada, Instant.now().plus(Duration.ofHours(1))); // a refresh
        watch.watch(bob, Instant.now().plusMillis(300));
        watch.watch(new Connection("c3", "eve", null), Instant.now().plusMillis(300));
        watch.forget(new Connection("c3", "eve", null));

        await("bob's expiry").atMost(RunningAuthServer.WAIT).until(() -> expired.contains("c2"));
        assertThat(expired).as("only bob's time was up").containsExactly("c2");
        assertThat(watch.watched()).as("ada is still watched").isEqualTo(1);
    }

    @Test
    @DisplayName("the server closes a connection with 4001 when its token expires, and forgets it everywhere")
    void closesAtExpiry() {
        WsTestClient watcher = server.connect("watcher");
        RunningAuthServer.join(watcher, "lobby");
        WsTestClient ada = connectFor("ada", SHORT);
        RunningAuthServer.join(ada, "lobby");
        watcher.awaitMessage("joined", RunningAuthServer.WAIT);

        WsTestClient.CloseStatus closed = ada.awaitClose(RunningAuthServer.WAIT);

        assertThat(closed.code()).isEqualTo(AuthHandlers.TOKEN_EXPIRED);
        assertThat(closed.reason()).isEqualTo("token expired");
        assertThat(watcher.awaitMessage("left", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("ada");
        assertThat(server.server().app().connections().stats().perUser()).doesNotContainKey("ada");
    }

    @Test
    @DisplayName("a refresh with a fresh token before expiry keeps the connection open")
    void refreshKeepsItOpen() {
        String first = server.server().issuer().issue("ada", Set.of(), Set.of(), SHORT);
        WsTestClient ada = server.open(server.uri("ws", "/ws"), Map.of("Authorization", "Bearer " + first));
        ada.awaitMessage("connected", RunningAuthServer.WAIT);
        Instant firstExpiry = Instant.now().plus(SHORT);

        ada.send(Map.of("type", "refresh", "id", "r1", "token", server.token("ada", Set.of(), Set.of())));
        JsonNode ack = ada.awaitMessage("ack", RunningAuthServer.WAIT);
        assertThat(ack.get("expires_at").asLong()).isGreaterThan(firstExpiry.getEpochSecond());

        await("the first token's expiry to pass").atMost(RunningAuthServer.WAIT)
                .until(() -> Instant.now().isAfter(firstExpiry.plusMillis(500)));
        ada.send(Map.of("type", "ping", "id", "p1"));
        assertThat(ada.awaitMessage("pong", RunningAuthServer.WAIT).get("id").asText()).isEqualTo("p1");
        assertThat(ada.closeStatus()).isEmpty();
    }

    @Test
    @DisplayName("a bad refresh is an error, and the connection still ends at its old expiry")
    void badRefresh() {
        WsTestClient ada = connectFor("ada", SHORT);

        ada.send(Map.of("type", "refresh", "id", "r1", "token", "not-a-token"));
        JsonNode error = ada.awaitMessage("error", RunningAuthServer.WAIT);
        assertThat(error.get("code").asText()).isEqualTo("invalid_token");

        ada.send(Map.of("type", "refresh", "id", "r3", "token", "a".repeat(CredentialSize.MAX_TOKEN_BYTES + 1)));
        assertThat(ada.awaitMessage("error", RunningAuthServer.WAIT).get("message").asText())
                .isEqualTo("invalid_token: the token is longer than " + CredentialSize.MAX_TOKEN_BYTES + " bytes");

        ada.send(Map.of("type", "refresh", "id", "r2", "token", server.token("bob", Set.of(), Set.of())));
        assertThat(ada.awaitMessage("error", RunningAuthServer.WAIT).get("code").asText())
                .isEqualTo("not_authorized");

        assertThat(ada.awaitClose(RunningAuthServer.WAIT).code()).isEqualTo(AuthHandlers.TOKEN_EXPIRED);
    }

    @Test
    @DisplayName("a refresh whose token breaks the claim rules is invalid_token, even for the same user")
    void refreshChecksTheClaims() {
        WsTestClient ada = server.connect("ada");
        AuthConfig config = server.server().authConfig();
        Instant later = Instant.now().plus(Duration.ofHours(1));

        ada.send(Map.of("type", "refresh", "id", "r1", "token",
                HandMadeToken.withClaims(config, later, Map.of("exp", String.valueOf(later.getEpochSecond())))));
        JsonNode stringExp = ada.awaitMessage("error", RunningAuthServer.WAIT);
        assertThat(stringExp.get("code").asText()).isEqualTo("invalid_token");
        assertThat(stringExp.get("id").asText()).isEqualTo("r1");

        ada.send(Map.of("type", "refresh", "id", "r2", "token",
                HandMadeToken.withClaims(config, later, Map.of("sub", "a b"))));
        JsonNode badSub = ada.awaitMessage("error", RunningAuthServer.WAIT);
        assertThat(badSub.get("code").asText()).isEqualTo("invalid_token");
        assertThat(badSub.get("id").asText()).isEqualTo("r2");
    }

    @Test
    @DisplayName("an API key connection has no token to refresh: not_authorized, and it keeps no expiry")
    void refreshOnAnApiKey() {
        WsTestClient billing = server.open(server.uri("ws", "/ws"), Map.of("X-API-Key", "test-service-key"));
        assertThat(billing.awaitMessage("connected", RunningAuthServer.WAIT).get("user").asText())
                .isEqualTo("billing");

        billing.send(Map.of("type", "refresh", "id", "r1", "token", server.token("billing", Set.of(), Set.of())));

        JsonNode error = billing.awaitMessage("error", RunningAuthServer.WAIT);
        assertThat(error.get("code").asText()).isEqualTo("not_authorized");
        assertThat(error.get("message").asText()).isEqualTo("this connection has no token to refresh");
        assertThat(server.server().auth().expiry().watched()).as("connections with an expiry").isZero();
    }

    @Test
    @DisplayName("logout closes every connection of the user with 4002, and nobody else's")
    void logout() {
        WsTestClient adaPhone = server.connect("ada");
        WsTestClient adaLaptop = server.connect("ada");
        WsTestClient bob = server.connect("bob");

        adaPhone.send(Map.of("type", "logout"));

        assertThat(adaPhone.awaitClose(RunningAuthServer.WAIT).code()).isEqualTo(AuthHandlers.LOGGED_OUT);
        assertThat(adaLaptop.awaitClose(RunningAuthServer.WAIT).code()).isEqualTo(AuthHandlers.LOGGED_OUT);
        bob.send(Map.of("type", "ping", "id", "p"));
        bob.awaitMessage("pong", RunningAuthServer.WAIT);
        assertThat(server.server().app().connections().stats().perUser()).containsOnlyKeys("bob");
        assertThat(server.server().auth().expiry().watched()).isEqualTo(1);
    }

    private WsTestClient connectFor(String user, Duration lifetime) {
        String token = server.server().issuer().issue(user, Set.of(), Set.of(), lifetime);
        WsTestClient client = server.open(server.uri("ws", "/ws"), Map.of("Authorization", "Bearer " + token));
        client.awaitMessage("connected", RunningAuthServer.WAIT);
        return client;
    }
}
