package dev.realtimelessons.lesson02;

import java.util.UUID;

import dev.realtimelessons.kit.server.Handshake;
import dev.realtimelessons.kit.server.HandshakeUser;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * Who a handshake counts against for the limit per user: the user the application's {@link Identifier} will give
 * the connection once it is open. In this lesson that is the {@code ?user=} the client claims; from lesson 04, the
 * user its token proves.
 *
 * <p>A connection without a user (an anonymous one, or one whose name breaks the rule and will be closed with 1008
 * as soon as it opens) counts against no user: the limits in total and per client address still hold it.
 */
final class UserOfHandshake implements HandshakeUser {

    private final ChatApp app;

    UserOfHandshake(ChatApp app) {
        this.app = app;
    }

    @Override
    public String userOf(Handshake handshake, Object principal) {
        if (principal == null && handshake.parameter("user").isEmpty()) {
            return null; // anonymous: every such connection gets a name of its own
        }
        try {
            // The identifier names an anonymous connection after its id, which does not exist yet: any will do
            return app.identifier().userOf(principal, handshake.parameters(), UUID.randomUUID().toString());
        } catch (ProtocolError invalidName) {
            return null;
        }
    }
}
