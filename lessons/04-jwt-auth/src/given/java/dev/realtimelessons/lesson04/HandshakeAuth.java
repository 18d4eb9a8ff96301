package dev.realtimelessons.lesson04;

import java.util.Set;

import dev.realtimelessons.kit.server.Handshake;
import dev.realtimelessons.kit.server.HandshakeGuard;
import dev.realtimelessons.kit.server.HandshakeVerdict;

/**
 * The {@link HandshakeGuard} of this lesson: an upgrade that does not authenticate gets 401 (or 403 for a
 * forbidden Origin) before Tyrus sees it, so no session, no {@code onOpen}, no registry entry and no presence event
 * ever exists for it.
 */
public final class HandshakeAuth implements HandshakeGuard {

    private static final System.Logger LOG = System.getLogger(HandshakeAuth.class.getName());

    private final Authenticator authenticator;

    /**
     * @param authenticator decides who a request comes from
     */
    public HandshakeAuth(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    // tag::check[]
    @Override
    public HandshakeVerdict check(Handshake handshake) {
        try {
            CredentialSize.check(handshake); // a token too large to read is refused before anything parses it
            Authenticated who = authenticator.authenticate(handshake);
            LOG.log(System.Logger.Level.DEBUG, "{0} connected via {1}", who.user(), who.via());
            return HandshakeVerdict.accept(who);
        } catch (AuthFailure failure) { // the log names the reason, never the credential
            LOG.log(System.Logger.Level.INFO, "refused a handshake from {0}: {1}", handshake.remoteAddress(),
                    failure.code());
            return HandshakeVerdict.reject(failure.status(), failure.code(), failure.getMessage());
        }
    }
    // end::check[]

    @Override
    public Set<String> secretParameters() {
        return Set.of("token"); // out of the request before Tyrus logs it or a session can read it
    }
}
