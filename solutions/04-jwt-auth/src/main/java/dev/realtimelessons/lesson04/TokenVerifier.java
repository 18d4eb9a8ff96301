package dev.realtimelessons.lesson04;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.IncorrectClaimException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.MissingClaimException;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SecurityException;

/**
 * Step 1: checks an access token and says who it proves the client is, or exactly why it proves nothing.
 */
public final class TokenVerifier {

    private final JwtParser parser;

    /**
     * @param config the key, issuer, audience and clock skew
     * @param clock  the time {@code exp} and {@code nbf} are compared with
     */
    // tag::parser[]
    public TokenVerifier(AuthConfig config, Clock clock) {
        this.parser = Jwts.parser()
                .verifyWith(config.key())          // HS256 only: the key decides the algorithm, not the token
                .requireIssuer(config.issuer())
                .requireAudience(config.audience())
                .clockSkewSeconds(config.clockSkew().toSeconds())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }
    // end::parser[]

    /**
     * Step 1: verifies a token.
     *
     * <p>Contract: the token is accepted only if it is signed with the configured key (the key, not the token's
     * header, decides the algorithm: an unsigned token is refused), names the configured issuer and audience, has
     * a {@code sub} and an {@code exp}, and is valid at the injected clock's time, give or take the configured
     * skew, for both {@code exp} and {@code nbf}.
     *
     * @param token the compact JWT
     * @param via   where the client sent it
     * @return who the token proves the client is, until its {@code exp}
     * @throws AuthFailure a 401 whose code says why: {@code malformed_token}, {@code bad_signature},
     *                     {@code unsigned_token}, {@code token_expired}, {@code token_not_yet_valid},
     *                     {@code wrong_issuer}, {@code wrong_audience} or {@code invalid_token}
     */
    // tag::verify[]
    public Authenticated verify(String token, Authenticated.Via via) throws AuthFailure {
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (ExpiredJwtException e) {
            throw AuthFailure.unauthorized("token_expired", "the token has expired");
        } catch (PrematureJwtException e) {
            throw AuthFailure.unauthorized("token_not_yet_valid", "the token is not valid yet (nbf)");
        } catch (IncorrectClaimException | MissingClaimException e) {
            String claim = e.getClaimName();
            throw AuthFailure.unauthorized("iss".equals(claim) ? "wrong_issuer" : "wrong_audience",
                    "the token's " + claim + " is not the one this server accepts");
        } catch (SecurityException e) {
            throw AuthFailure.unauthorized("bad_signature", "the token's signature does not match");
        } catch (UnsupportedJwtException e) {
            throw AuthFailure.unauthorized("unsigned_token", "the token is not signed with HS256");
        } catch (MalformedJwtException | IllegalArgumentException e) {
            throw AuthFailure.unauthorized("malformed_token", "the token is not a compact JWT");
        } catch (JwtException e) {
            throw AuthFailure.unauthorized("invalid_token", "the token is not valid");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank() || claims.getExpiration() == null) {
            throw AuthFailure.unauthorized("invalid_token", "the token needs a sub and an exp");
        }
        return new Authenticated(claims.getSubject(), strings(claims.get("roles")), strings(claims.get("rooms")),
                claims.getExpiration().toInstant(), via);
    }
    // end::verify[]

    private static Set<String> strings(Object claim) {
        return claim instanceof Collection<?> values
                ? values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet())
                : Set.of();
    }
}
