package dev.realtimelessons.lesson04;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.MacAlgorithm;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step1;

@Step1
@DisplayName("Step 1: verifying a token")
class TokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final AuthConfig config = AuthConfig.forTests();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TokenVerifier verifier = new TokenVerifier(config, clock);
    private final TokenIssuer issuer = new TokenIssuer(config, clock);

    @Test
    @DisplayName("a valid token proves its user, roles, rooms and expiry")
    void validToken() throws AuthFailure {
        String token = issuer.issue("ada", Set.of("admin"), Set.of("team"), Duration.ofMinutes(5));

        Authenticated ada = verifier.verify(token, Authenticated.Via.BEARER_HEADER);

        assertThat(ada.user()).isEqualTo("ada");
        assertThat(ada.roles()).containsExactly("admin");
        assertThat(ada.rooms()).containsExactly("team");
        assertThat(ada.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(ada.via()).isEqualTo(Authenticated.Via.BEARER_HEADER);
    }

    @Test
    @DisplayName("an empty string or random text is a malformed token")
    void malformed() {
        assertRefused(() -> verifier.verify("", Authenticated.Via.QUERY_TOKEN), "malformed_token");
        assertRefused(() -> verifier.verify("not.a.jwt", Authenticated.Via.QUERY_TOKEN), "malformed_token");
    }

    @Test
    @DisplayName("a token signed with another key has a bad signature")
    void wrongSignature() {
        String forged = new TokenIssuer(AuthConfig.forTests(), clock).issue("ada", Set.of("admin"), Set.of());
        assertRefused(() -> verifier.verify(forged, Authenticated.Via.BEARER_HEADER), "bad_signature");
    }

    @Test
    @DisplayName("an unsigned token (alg: none) is refused, whatever it claims")
    void algNone() {
        String unsigned = Jwts.builder().subject("ada").issuer(config.issuer()).audience().add(config.audience())
                .and().expiration(Date.from(NOW.plusSeconds(60))).claim("roles", Set.of("admin")).compact();
        assertThat(unsigned).endsWith("."); // header.payload. : no signature at all
        assertRefused(() -> verifier.verify(unsigned, Authenticated.Via.BEARER_HEADER), "unsigned_token");
    }

    @Test
    @DisplayName("an expired token is refused")
    void expired() {
        String token = new TokenIssuer(config, Clock.fixed(NOW.minusSeconds(120), ZoneOffset.UTC))
                .issue("ada", Set.of(), Set.of(), Duration.ofSeconds(60));
        assertRefused(() -> verifier.verify(token, Authenticated.Via.BEARER_HEADER), "token_expired");
    }

    @Test
    @DisplayName("a token whose nbf is still ahead is not valid yet")
    void notYetValid() {
        String token = new TokenIssuer(config, Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC))
                .issue("ada", Set.of(), Set.of(), Duration.ofSeconds(600));
        assertRefused(() -> verifier.verify(token, Authenticated.Via.BEARER_HEADER), "token_not_yet_valid");
    }

    @Test
    @DisplayName("a token from another issuer, or for another audience, is refused")
    void wrongIssuerOrAudience() {
        AuthConfig other = new AuthConfig(true, config.key(), false, "someone-else", "another-api",
                config.tokenTtl(), true, config.apiKeys(), Set.of(), Duration.ZERO);
        String token = new TokenIssuer(other, clock).issue("ada", Set.of(), Set.of());
        assertRefused(() -> verifier.verify(token, Authenticated.Via.BEARER_HEADER), "wrong_issuer");

        AuthConfig otherAudience = new AuthConfig(true, config.key(), false, config.issuer(), "another-api",
                config.tokenTtl(), true, config.apiKeys(), Set.of(), Duration.ZERO);
        String forOtherApi = new TokenIssuer(otherAudience, clock).issue("ada", Set.of(), Set.of());
        assertRefused(() -> verifier.verify(forOtherApi, Authenticated.Via.BEARER_HEADER), "wrong_audience");
    }

    @Test
    @DisplayName("a signed token without a subject proves nobody")
    void noSubject() {
        String token = Jwts.builder().issuer(config.issuer()).audience().add(config.audience()).and()
                .expiration(Date.from(NOW.plusSeconds(60))).signWith(Keys.hmacShaKeyFor(config.key().getEncoded()))
                .compact();
        assertRefused(() -> verifier.verify(token, Authenticated.Via.BEARER_HEADER), "invalid_token");
    }

    @Test
    @DisplayName("with a key long enough for HS384 and HS512, a token signed with either is refused: HS256 only")
    void onlyHs256() throws AuthFailure {
        AuthConfig longKey = AuthConfig.fromEnvironment(Map.of("JWT_SECRET", "0123456789abcdef".repeat(4)));
        TokenVerifier strict = new TokenVerifier(longKey, clock);
        String hs256 = new TokenIssuer(longKey, clock).issue("ada", Set.of(), Set.of());
        assertThat(strict.verify(hs256, Authenticated.Via.BEARER_HEADER).user()).isEqualTo("ada");

        for (MacAlgorithm algorithm : List.of(Jwts.SIG.HS384, Jwts.SIG.HS512)) {
            String token = HandMadeToken.signedWith(longKey, algorithm, NOW.plusSeconds(60));
            assertRefused(() -> strict.verify(token, Authenticated.Via.BEARER_HEADER), "unsupported_algorithm");
        }
    }

    @Test
    @DisplayName("a sub that breaks the protocol's user rule proves nobody: direct and notify could never reach it")
    void subjectIsAUser() throws AuthFailure {
        Instant exp = NOW.plusSeconds(60);
        assertThat(verifier.verify(HandMadeToken.withClaims(config, exp, Map.of("sub", "a".repeat(32))),
                Authenticated.Via.BEARER_HEADER).user()).as("32 characters is a user").hasSize(32);

        for (String sub : List.of("a b", "a".repeat(200), "ada/admin", "")) {
            String token = HandMadeToken.withClaims(config, exp, Map.of("sub", sub));
            assertRefused(() -> verifier.verify(token, Authenticated.Via.BEARER_HEADER), "invalid_token");
        }
    }

    @Test
    @DisplayName("exp, nbf and iat must be JSON numbers (NumericDate): a string is refused, even one JJWT can read")
    void timesAreNumbers() throws AuthFailure {
        Instant exp = NOW.plusSeconds(60);
        assertThat(verifier.verify(HandMadeToken.withClaims(config, exp, Map.of("exp", exp.getEpochSecond() + 0.5,
                "nbf", NOW.getEpochSecond(), "iat", NOW.getEpochSecond())), Authenticated.Via.BEARER_HEADER)
                .expiresAt()).as("a NumericDate may have a fraction").isEqualTo(exp);

        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("exp", String.valueOf(exp.getEpochSecond())),
                Map.of("exp", exp.toString()),
                Map.of("nbf", String.valueOf(NOW.getEpochSecond())),
                Map.of("iat", String.valueOf(NOW.getEpochSecond())))) {
            String token = HandMadeToken.withClaims(config, exp, claims);
            assertRefused(() -> verifier.verify(token, Authenticated.Via.BEARER_HEADER), "invalid_token");
        }
    }

    @Test
    @DisplayName("roles and rooms, when present, must be arrays of strings: nothing is guessed from other values")
    void rolesAndRoomsAreArraysOfStrings() throws AuthFailure {
        Instant exp = NOW.plusSeconds(60);
        assertThat(verifier.verify(HandMadeToken.withClaims(config, exp, Map.of()), Authenticated.Via.BEARER_HEADER)
                .roles()).as("absent: none").isEmpty();

        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("roles", "admin"), Map.of("roles", List.of(1)), Map.of("rooms", "team"),
                Map.of("rooms", List.of(List.of("team"))))) {
            String token = HandMadeToken.withClaims(config, exp, claims);
            assertRefused(() -> verifier.verify(token, Authenticated.Via.BEARER_HEADER), "invalid_token");
        }
    }

    @Test
    @DisplayName("a payload compressed with JJWT's zip extension, which no other library reads, is refused")
    void compressedPayload() {
        String zipped = Jwts.builder().subject("ada").issuer(config.issuer()).audience().add(config.audience()).and()
                .expiration(Date.from(NOW.plusSeconds(60))).compressWith(Jwts.ZIP.DEF)
                .signWith(config.key(), Jwts.SIG.HS256).compact();
        assertRefused(() -> verifier.verify(zipped, Authenticated.Via.BEARER_HEADER), "invalid_token");
    }

    private static void assertRefused(ThrowingCallable verify, String code) {
        assertThatThrownBy(verify).isInstanceOfSatisfying(AuthFailure.class, failure -> {
            assertThat(failure.code()).as("the failure's code").isEqualTo(code);
            assertThat(failure.status()).isEqualTo(401);
        });
    }
}
