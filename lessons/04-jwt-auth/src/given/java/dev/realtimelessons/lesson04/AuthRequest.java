package dev.realtimelessons.lesson04;

import com.fasterxml.jackson.annotation.JsonTypeName;

import dev.realtimelessons.lesson02.protocol.ClientRequest;

/** Lesson 04's requests: {@code refresh} and {@code logout}. */
public sealed interface AuthRequest extends ClientRequest {

    /**
     * {@code refresh}: a newer token for the same user, before the connection's expires.
     *
     * @param token the token, compact JWT
     */
    @JsonTypeName("refresh")
    record Refresh(String token) implements AuthRequest {
    }

    /** {@code logout}: closes every connection of the user with 4002. */
    @JsonTypeName("logout")
    record Logout() implements AuthRequest {
    }
}
