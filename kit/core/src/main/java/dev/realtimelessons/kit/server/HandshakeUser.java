package dev.realtimelessons.kit.server;

/**
 * Who an upgrade request counts against for {@link ConnectionLimits#maxPerUser()}: the user the connection will
 * have. A server that authenticates takes it from the principal its {@link HandshakeGuard} accepted; one that
 * believes the client's word takes the name the client claims.
 *
 * <p>Runs on a server worker thread for every upgrade request that a guard accepted (or every one, without a
 * guard), after the per-address and total limits, before Tyrus sees the request. It must be quick and must not
 * block. If it throws, the request is refused with 500 {@code server_error}: no connection is let through
 * uncounted.
 */
@FunctionalInterface
public interface HandshakeUser {

    /** Counts nobody per user: the server has no notion of users. */
    HandshakeUser NOBODY = (handshake, principal) -> null;

    /**
     * The user an upgrade request counts against.
     *
     * @param handshake the request
     * @param principal what the guard accepted, or null when the server has no guard
     * @return the user, or null for a connection that counts against no user (an anonymous one)
     */
    String userOf(Handshake handshake, Object principal);
}
