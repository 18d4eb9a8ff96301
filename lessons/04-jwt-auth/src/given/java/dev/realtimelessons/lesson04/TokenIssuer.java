package dev.realtimelessons.lesson04;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

import io.jsonwebtoken.Jwts;

/**
 * Issues the course's access tokens: JWTs signed with HS256, carrying {@code sub}, {@code iss}, {@code aud},
 * {@code iat}, {@code nbf}, {@code exp}, {@code jti}, and the {@code roles} and {@code rooms} claims.
 */
public final class TokenIssuer {

    private final AuthConfig config;
    private final Clock clock;

    /**
     * @param config the key, issuer, audience and lifetime
     * @param clock  the time tokens are issued at
     */
    public TokenIssuer(AuthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * A token with the configured lifetime.
     *
     * @param user  the user ({@code sub})
     * @param roles the roles
     * @param rooms the {@code private:} rooms, without the prefix
     * @return the compact token
     */
    public String issue(String user, Set<String> roles, Set<String> rooms) {
        return issue(user, roles, rooms, config.tokenTtl());
    }

    /**
     * A token with a lifetime of its own.
     *
     * @param user     the user ({@code sub})
     * @param roles    the roles
     * @param rooms    the {@code private:} rooms, without the prefix
     * @param lifetime from now until {@code exp}
     * @return the compact token
     */
    // tag::issue[]
    public String issue(String user, Set<String> roles, Set<String> rooms, Duration lifetime) {
        Instant now = clock.instant();
        return Jwts.builder()
                .id(UUID.randomUUID().toString())
                .subject(user)
                .issuer(config.issuer())
                .audience().add(config.audience()).and()
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .claim("roles", roles)
                .claim("rooms", rooms)
                .signWith(config.key(), Jwts.SIG.HS256)
                .compact();
    }
    // end::issue[]
}
