package dev.realtimelessons.lesson04;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.MacAlgorithm;

import dev.realtimelessons.kit.json.Json;

/**
 * Tokens signed with a server's own key (so the signature is good) that {@link TokenIssuer} would never make: claims
 * written as JSON by hand, with values of any type, or another HMAC algorithm than HS256.
 */
final class HandMadeToken {

    private HandMadeToken() {
    }

    /**
     * A good token for {@code ada} (the configured issuer and audience, {@code exp} at the given time) with some
     * claims replaced as they are written in the JSON payload.
     *
     * @param config    the server's key, issuer and audience
     * @param expiresAt the {@code exp}, as a JSON number
     * @param overrides claims to add or replace, for example {@code "exp", "1795321729"} (a string)
     * @return the compact token, signed with HS256
     */
    static String withClaims(AuthConfig config, Instant expiresAt, Map<String, Object> overrides) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", config.issuer());
        claims.put("aud", List.of(config.audience()));
        claims.put("sub", "ada");
        claims.put("exp", expiresAt.getEpochSecond());
        claims.putAll(overrides);
        // content(...) signs the bytes as they are: the builder's claim(...) would turn a string exp into a number
        return Jwts.builder().content(Json.write(claims).getBytes(StandardCharsets.UTF_8))
                .signWith(config.key(), Jwts.SIG.HS256).compact();
    }

    /**
     * A token for {@code ada} that is good in every way but its algorithm.
     *
     * @param config    the server's key (at least 48 bytes for HS384, 64 for HS512), issuer and audience
     * @param algorithm for example {@code Jwts.SIG.HS512}
     * @param expiresAt the {@code exp}
     * @return the compact token
     */
    static String signedWith(AuthConfig config, MacAlgorithm algorithm, Instant expiresAt) {
        return Jwts.builder().subject("ada").issuer(config.issuer()).audience().add(config.audience()).and()
                .expiration(Date.from(expiresAt)).signWith(config.key(), algorithm).compact();
    }
}
