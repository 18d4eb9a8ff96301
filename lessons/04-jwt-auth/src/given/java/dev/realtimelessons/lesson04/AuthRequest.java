package dev.realtimelessons.lesson04;

import dev.realtimelessons.lesson02.protocol.ClientRequest;

/** Lesson 04's requests: {@code refresh} and {@code logout}. */
public sealed interface AuthRequest extends ClientRequest {

    /**
     * {@code refresh}: a newer token for the same user, before the connection's expires.
     *
     * @param token the token, compact JWT
     */
    record Refresh(String token) implements AuthRequest {
    }

    /** {@code logout}: closes every connection of the user with 4002. */
    record Logout() implements AuthRequest {
    }
}
