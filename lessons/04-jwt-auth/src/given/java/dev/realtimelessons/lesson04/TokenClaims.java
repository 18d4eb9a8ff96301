package dev.realtimelessons.lesson04;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.jsonwebtoken.Claims;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.json.JsonException;
import dev.realtimelessons.lesson02.Identity;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * The protocol's rules for the claims of a token whose signature, issuer, audience and times JJWT has already
 * verified; JJWT knows none of them:
 * <ul>
 *   <li>{@code sub} is a user by lesson 02's rule ({@link Identity#validUser}), the same rule {@code ?user=},
 *       {@code direct} and {@code /api/notify} apply, so that every connection's user can be reached;</li>
 *   <li>{@code exp} is present, and {@code exp}, {@code nbf} and {@code iat} are JSON numbers (RFC 7519's
 *       NumericDate). JJWT also reads a string, as a number of seconds or an ISO-8601 date (JJWT issue #534), and
 *       gives back a date either way, so the types are checked on the payload as it was sent;</li>
 *   <li>{@code roles} and {@code rooms}, when present, are arrays of strings: nothing is guessed from other
 *       values.</li>
 * </ul>
 * A token that breaks a rule is refused with 401 {@code invalid_token}. Values JJWT cannot read at all (an
 * {@code exp} of {@code true}, a {@code sub} of {@code 5}) never get here: JJWT refuses them as malformed.
 */
public final class TokenClaims {

    private static final List<String> NUMERIC_DATES = List.of("exp", "nbf", "iat");
    private static final List<String> STRING_ARRAYS = List.of("roles", "rooms");

    private TokenClaims() {
    }

    /**
     * Checks a verified token's claims and says who it proves the client is.
     *
     * @param token  the compact JWS that JJWT verified ({@code header.payload.signature})
     * @param claims its claims, as JJWT read them
     * @param via    where the client sent it
     * @return the user, roles, rooms and expiry
     * @throws AuthFailure 401 {@code invalid_token}, with the rule that was broken
     */
    // tag::read[]
    public static Authenticated read(String token, Claims claims, Authenticated.Via via) throws AuthFailure {
        if (claims.getSubject() == null || claims.getSubject().isBlank() || claims.getExpiration() == null) {
            throw invalid("the token needs a sub and an exp");
        }
        try {
            Identity.validUser(claims.getSubject()); // lesson 02's rule: one rule for every user
        } catch (ProtocolError e) {
            throw invalid("the token's sub breaks the rule for users: " + e.getMessage());
        }
        JsonNode sent = payloadAsSent(token);
        for (String claim : NUMERIC_DATES) {
            if (sent.has(claim) && !sent.get(claim).isNumber()) {
                throw invalid("the token's " + claim + " must be a number of seconds since the epoch");
            }
        }
        for (String claim : STRING_ARRAYS) {
            if (sent.has(claim) && !isArrayOfStrings(sent.get(claim))) {
                throw invalid("the token's " + claim + " must be an array of strings");
            }
        }
        return new Authenticated(claims.getSubject(), strings(claims.get("roles")), strings(claims.get("rooms")),
                claims.getExpiration().toInstant(), via);
    }
    // end::read[]

    /** The JSON payload as the client sent it, before JJWT converted any value. */
    private static JsonNode payloadAsSent(String token) throws AuthFailure {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        try {
            byte[] json = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode payload = Json.tree(new String(json, StandardCharsets.UTF_8));
            if (payload != null && payload.isObject()) {
                return payload;
            }
        } catch (IllegalArgumentException | JsonException e) {
            // not base64url JSON, although JJWT read it: a payload compressed with JJWT's "zip" extension to JWS
        }
        throw invalid("the token's payload must be a JSON object, uncompressed");
    }

    private static boolean isArrayOfStrings(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> strings(Object claim) {
        return claim instanceof Collection<?> values
                ? values.stream().map(String.class::cast).collect(Collectors.toUnmodifiableSet())
                : Set.of();
    }

    private static AuthFailure invalid(String message) {
        return AuthFailure.unauthorized("invalid_token", message);
    }
}
