package dev.realtimelessons.lesson04;

import java.time.Clock;
import java.util.Date;

import javax.crypto.SecretKey;

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
        SecretKey key = config.key();
        this.parser = Jwts.parser()
                .keyLocator(header -> { // sees the header before any verification: HS256 only, whatever the key
                    if (!Jwts.SIG.HS256.getId().equals(header.getAlgorithm())) {
                        throw new UnsupportedAlgorithm(); // a 64-byte key would verify HS384 and HS512 too
                    }
                    return key;
                })
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
     * <p>Contract: the token is accepted only if it is signed with HS256 (the only algorithm of the protocol: a
     * token signed with another one, even one the key is long enough for, such as HS384 or HS512, is refused before
     * its signature is checked; an unsigned token is refused) and the configured key, names the configured issuer
     * and audience, is valid at the injected clock's time, give or take the configured skew, for both {@code exp}
     * and {@code nbf}, and its claims follow the protocol's rules ({@link TokenClaims#read}: a {@code sub} that is
     * a user, an {@code exp}, NumericDates that are numbers, {@code roles} and {@code rooms} that are arrays of
     * strings).
     *
     * @param token the compact JWT
     * @param via   where the client sent it
     * @return who the token proves the client is, until its {@code exp}
     * @throws AuthFailure a 401 whose code says why: {@code malformed_token}, {@code unsupported_algorithm},
     *                     {@code bad_signature}, {@code unsigned_token}, {@code token_expired},
     *                     {@code token_not_yet_valid}, {@code wrong_issuer}, {@code wrong_audience} or
     *                     {@code invalid_token}
     */
    // tag::verify[]
    public Authenticated verify(String token, Authenticated.Via via) throws AuthFailure {
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (UnsupportedAlgorithm e) {
            throw AuthFailure.unauthorized("unsupported_algorithm", "the token must be signed with HS256");
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
        return TokenClaims.read(token, claims, via); // the protocol's rules, which JJWT does not know
    }
    // end::verify[]

    /** The token's header names another algorithm than HS256: refused before its signature is checked. */
    private static final class UnsupportedAlgorithm extends JwtException {
        private static final long serialVersionUID = 1L;

        UnsupportedAlgorithm() {
            super("the token's alg is not HS256");
        }
    }
}
