package dev.realtimelessons.lesson04;

import java.time.Clock;

import dev.realtimelessons.kit.TodoException;

/**
 * Step 1: checks an access token and says who it proves the client is, or exactly why it proves nothing.
 */
public final class TokenVerifier {

    private final AuthConfig config;
    private final Clock clock;

    /**
     * @param config the key, issuer, audience and clock skew
     * @param clock  the time {@code exp} and {@code nbf} are compared with
     */
    public TokenVerifier(AuthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

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
    public Authenticated verify(String token, Authenticated.Via via) throws AuthFailure {
        throw new TodoException("Step 1: accept only a token signed with HS256 and the configured key, from the right"
                + " issuer for the right audience, within its time window, with claims that pass TokenClaims.read;"
                + " each failure is an AuthFailure with its code (see README, step 1)");
    }
}
