package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.MacAlgorithm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.realtimelessons.kit.testing.WsTestClient;
import dev.realtimelessons.kit.testing.steps.Step2;

@Step2
@DisplayName("Step 2: authenticating the handshake")
class HandshakeTest {

    @RegisterExtension
    final RunningAuthServer server = new RunningAuthServer(AuthServerConfig.forTests());

    /** A bad credential: how to make it from the running server, and the answer it must get. */
    record BadCredential(String name, java.util.function.Function<RunningAuthServer, Attempt> make, int status,
                         String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a client sends: a path with a query, and headers. */
    record Attempt(String pathAndQuery, Map<String, String> headers) {
        static Attempt bearer(String token) {
            return new Attempt("/ws", Map.of("Authorization", "Bearer " + token));
        }
    }

    static Stream<BadCredential> badCredentials() {
        Instant now = Instant.now();
        return Stream.of(
                new BadCredential("no credentials at all", s -> new Attempt("/ws?user=ada", Map.of()), 401,
                        "missing_credentials"),
                new BadCredential("an Authorization header that is not Bearer",
                        s -> new Attempt("/ws", Map.of("Authorization", "Basic YWRhOnNlY3JldA==")), 401,
                        "malformed_credentials"),
                new BadCredential("a malformed token", s -> Attempt.bearer("hello.world"), 401, "malformed_token"),
                new BadCredential("a token signed with another key", s -> Attempt.bearer(
                        new TokenIssuer(AuthConfig.forTests(), Clock.systemUTC()).issue("ada", Set.of(), Set.of())),
                        401, "bad_signature"),
                new BadCredential("an unsigned token (alg: none)", s -> Attempt.bearer(Jwts.builder().subject("ada")
                        .issuer("realtime-lessons").audience().add("realtime-lessons-ws").and()
                        .expiration(Date.from(now.plusSeconds(600))).compact()), 401, "unsigned_token"),
                new BadCredential("an expired token", s -> Attempt.bearer(s.server().issuer()
                        .issue("ada", Set.of(), Set.of(), Duration.ofSeconds(-60))), 401, "token_expired"),
                new BadCredential("a token that is not valid yet", s -> Attempt.bearer(
                        issuerAt(s, now.plusSeconds(600)).issue("ada", Set.of(), Set.of())), 401,
                        "token_not_yet_valid"),
                new BadCredential("a token from another issuer", s -> Attempt.bearer(issuerFor(s, "evil", null)
                        .issue("ada", Set.of(), Set.of())), 401, "wrong_issuer"),
                new BadCredential("a token for another audience", s -> Attempt.bearer(issuerFor(s, null, "billing")
                        .issue("ada", Set.of(), Set.of())), 401, "wrong_audience"),
                new BadCredential("a token whose sub is not a user name", s -> Attempt.bearer(HandMadeToken
                        .withClaims(s.server().authConfig(), now.plusSeconds(600), Map.of("sub", "a b"))), 401,
                        "invalid_token"),
                new BadCredential("a token whose sub is 200 characters long", s -> Attempt.bearer(HandMadeToken
                        .withClaims(s.server().authConfig(), now.plusSeconds(600), Map.of("sub", "a".repeat(200)))),
                        401, "invalid_token"),
                new BadCredential("a token whose exp is a string", s -> Attempt.bearer(HandMadeToken.withClaims(
                        s.server().authConfig(), now.plusSeconds(600),
                        Map.of("exp", String.valueOf(now.plusSeconds(600).getEpochSecond())))), 401, "invalid_token"),
                new BadCredential("a bad token in the query", s -> new Attempt("/ws?token=abc", Map.of()), 401,
                        "malformed_token"),
                new BadCredential("a token of 8,000 bytes that is not a JWT (under the size limit: it is parsed)",
                        s -> Attempt.bearer("a".repeat(8_000)), 401, "malformed_token"),
                new BadCredential("an unknown API key", s -> new Attempt("/ws", Map.of("X-API-Key", "guess")), 401,
                        "unknown_api_key"),
                new BadCredential("a valid token from a forbidden Origin", s -> new Attempt("/ws",
                        Map.of("Authorization", "Bearer " + s.token("ada", Set.of(), Set.of()),
                                "Origin", "https://evil.example")), 403, "forbidden_origin"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    @DisplayName("a bad credential gets an HTTP error and never a session")
    void refused(BadCredential bad) {
        WsTestClient watcher = server.connect("watcher");
        RunningAuthServer.join(watcher, "lobby");

        Attempt attempt = bad.make().apply(server);
        RunningAuthServer.Refusal refusal = server.attempt(attempt.pathAndQuery(), attempt.headers());

        assertThat(refusal.status()).as("the HTTP status").isEqualTo(bad.status());
        assertThat(refusal.error()).as("the error code in the body").isEqualTo(bad.error());
        assertThat(refusal.wwwAuthenticate()).as("WWW-Authenticate").isEqualTo(bad.status() == 401 ? "Bearer" : "");
        // A client that does authenticate arrives after the refused one; the watcher sees it, and nothing before.
        WsTestClient probe = server.connect("probe");
        RunningAuthServer.join(probe, "lobby");
        assertThat(watcher.awaitMessage("joined", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("probe");
        assertThat(server.opened).as("users whose onOpen ran").containsExactly("watcher", "probe");
        assertThat(server.server().app().connections().stats().connections()).isEqualTo(2);
    }

    @Test
    @DisplayName("a Bearer header, a token parameter and an API key each open a session for their user")
    void acceptedCredentials() {
        String ada = server.token("ada", Set.of(), Set.of());
        WsTestClient viaHeader = server.open(server.uri("ws", "/ws"), Map.of("Authorization", "Bearer " + ada));
        assertThat(viaHeader.awaitMessage("connected", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("ada");

        WsTestClient viaQuery = server.open(server.uri("ws", "/ws?token=" + server.token("bob", Set.of(), Set.of())),
                Map.of());
        assertThat(viaQuery.awaitMessage("connected", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("bob");

        WsTestClient viaKey = server.open(server.uri("ws", "/ws"), Map.of("X-API-Key", "test-service-key"));
        assertThat(viaKey.awaitMessage("connected", RunningAuthServer.WAIT).get("user").asText())
                .isEqualTo("billing");
    }

    @Test
    @DisplayName("the user comes from the token: a ?user= next to it is ignored")
    void userComesFromTheToken() {
        String ada = server.token("ada", Set.of(), Set.of());
        WsTestClient client = server.open(server.uri("ws", "/ws?user=root"), Map.of("Authorization", "Bearer " + ada));
        assertThat(client.awaitMessage("connected", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("ada");
    }

    @Test
    @DisplayName("the header comes first, and a bad header is refused even with a good token in the query")
    void order() {
        String ada = server.token("ada", Set.of(), Set.of());
        String bob = server.token("bob", Set.of(), Set.of());
        WsTestClient client = server.open(server.uri("ws", "/ws?token=" + bob), Map.of("Authorization", "Bearer " + ada));
        assertThat(client.awaitMessage("connected", RunningAuthServer.WAIT).get("user").asText()).isEqualTo("ada");

        RunningAuthServer.Refusal refusal = server.attempt("/ws?token=" + bob, Map.of("Authorization", "Bearer x"));
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.error()).isEqualTo("malformed_token");
    }

    @Test
    @DisplayName("a page from the server's own origin may connect")
    void sameOrigin() {
        String host = server.uri("http", "").getAuthority();
        RunningAuthServer.Refusal answer = server.attempt("/ws?token=" + server.token("ada", Set.of(), Set.of()),
                Map.of("Origin", "http://" + host));
        assertThat(answer.status()).isEqualTo(101);
    }

    @Test
    @DisplayName("the refusal's body names the reason but never echoes the credential")
    void refusalDoesNotEchoTheToken() {
        String expired = server.server().issuer().issue("ada", Set.of(), Set.of(), Duration.ofSeconds(-60));
        JsonNode body = server.attempt("/ws?token=" + expired, Map.of()).body();
        assertThat(body.get("error").asText()).isEqualTo("token_expired");
        assertThat(body.toString()).doesNotContain(expired);
    }

    @Nested
    @DisplayName("with a JWT_SECRET of 64 bytes, long enough for HS384 and HS512")
    class LongSecret {

        @RegisterExtension
        final RunningAuthServer longKey = new RunningAuthServer(AuthServerConfig.forTests()
                .withAuth(AuthConfig.fromEnvironment(Map.of("JWT_SECRET", "0123456789abcdef".repeat(4)))));

        @Test
        @DisplayName("a token signed with HS384 or HS512 is refused with 401 unsupported_algorithm, and no session")
        void otherHmacAlgorithmsAreRefused() {
            for (MacAlgorithm algorithm : List.of(Jwts.SIG.HS384, Jwts.SIG.HS512)) {
                String token = HandMadeToken.signedWith(longKey.server().authConfig(), algorithm,
                        Instant.now().plusSeconds(600));

                RunningAuthServer.Refusal refusal = longKey.attempt("/ws", Map.of("Authorization", "Bearer " + token));

                assertThat(refusal.status()).as("the HTTP status for " + algorithm.getId()).isEqualTo(401);
                assertThat(refusal.wwwAuthenticate()).isEqualTo("Bearer");
                assertThat(refusal.error()).isEqualTo("unsupported_algorithm");
                assertThat(refusal.body().get("message").asText()).contains("HS256").doesNotContain(token);
            }
            WsTestClient ada = longKey.connect("ada"); // HS256 with the same key
            ada.send(Map.of("type", "ping", "id", "p"));
            ada.awaitMessage("pong", RunningAuthServer.WAIT);
            assertThat(longKey.opened).as("users whose onOpen ran").containsExactly("ada");
        }
    }

    private static TokenIssuer issuerAt(RunningAuthServer s, Instant at) {
        return new TokenIssuer(keyOf(s, null, null), Clock.fixed(at, ZoneOffset.UTC));
    }

    private static TokenIssuer issuerFor(RunningAuthServer s, String issuer, String audience) {
        return new TokenIssuer(keyOf(s, issuer, audience), Clock.systemUTC());
    }

    /** The server's own key (so the signature is good) with another issuer or audience. */
    private static AuthConfig keyOf(RunningAuthServer s, String issuer, String audience) {
        AuthConfig mine = s.server().authConfig();
        return new AuthConfig(true, mine.key(), false, issuer == null ? mine.issuer() : issuer,
                audience == null ? mine.audience() : audience, mine.tokenTtl(), true, mine.apiKeys(), Set.of(),
                Duration.ZERO);
    }
}
