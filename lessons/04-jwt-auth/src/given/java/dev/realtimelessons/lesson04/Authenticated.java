package dev.realtimelessons.lesson04;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Who a client proved to be, and until when.
 *
 * @param user      the user (a token's {@code sub}) or the service (an API key's name)
 * @param roles     the roles, for example {@code admin}
 * @param rooms     the {@code private:} rooms the client may join, without the prefix
 * @param expiresAt when the proof runs out (a token's {@code exp}); null for an API key, which does not expire
 * @param via       how the client proved it
 */
public record Authenticated(String user, Set<String> roles, Set<String> rooms, Instant expiresAt, Via via) {

    /** How a client authenticated. */
    public enum Via {
        /** {@code Authorization: Bearer <token>}: non-browser clients. */
        BEARER_HEADER,
        /** {@code ?token=}: browsers, which cannot set headers on a WebSocket. */
        QUERY_TOKEN,
        /** {@code X-API-Key}: services. */
        API_KEY,
        /** A cookie the server set: lesson 08's event streams, since a browser's {@code EventSource} cannot set headers. */
        COOKIE
    }

    /** Copies the sets. */
    public Authenticated {
        Objects.requireNonNull(user, "user");
        roles = Set.copyOf(roles);
        rooms = Set.copyOf(rooms);
        Objects.requireNonNull(via, "via");
    }

    /**
     * @param role a role
     * @return true if the client has it
     */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
