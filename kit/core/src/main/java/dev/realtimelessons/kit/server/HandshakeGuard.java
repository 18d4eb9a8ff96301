package dev.realtimelessons.kit.server;

import java.util.Set;

import jakarta.websocket.Session;

/**
 * Decides, before any WebSocket code runs, whether an upgrade request may become a WebSocket connection.
 *
 * <p>A {@link RealtimeServer} calls its guard for every upgrade request, on a worker thread, before Tyrus sees the
 * request. A rejected request gets the verdict's HTTP status and a JSON body, and its TCP connection is closed:
 * no endpoint is created and {@code onOpen} is never called. An accepted request goes on to Tyrus, and the
 * verdict's principal is in the new session's user properties. The server's {@link ConnectionLimits} come first:
 * a request past the total or past its address's limit is refused before the guard is asked, and one past its
 * user's limit right after the guard accepted it.
 *
 * <p>Why not in Tyrus itself: a {@code ServerEndpointConfig.Configurator} can refuse an upgrade only through
 * {@code checkOrigin} (403). Setting another status in {@code modifyHandshake} does not refuse it: Tyrus 2.2
 * treats 101, 300 to 303, 307, 308, 401 and 503 as a completed upgrade, opens the session and calls
 * {@code onOpen}. A servlet container would use a servlet {@code Filter}; this is the same idea on Grizzly.
 */
@FunctionalInterface
public interface HandshakeGuard {

    /** The session user property that holds the accepted principal. */
    String PRINCIPAL = "dev.realtimelessons.kit.principal";

    /**
     * Decides about one upgrade request. Must not block for long: it runs on a server worker thread.
     *
     * @param handshake the request
     * @return {@link HandshakeVerdict#accept} or {@link HandshakeVerdict#reject}
     */
    HandshakeVerdict check(Handshake handshake);

    /**
     * Query parameters that carry secrets (a browser's {@code ?token=}). They are taken out of an accepted request
     * before Tyrus sees it, so no later log line, and no {@code Session.getQueryString()}, can show them.
     *
     * @return the parameter names; none by default
     */
    default Set<String> secretParameters() {
        return Set.of();
    }

    /**
     * The principal a guard accepted for a session.
     *
     * @param session the session
     * @return the principal, or null when the server has no guard
     */
    static Object principalOf(Session session) {
        return session.getUserProperties().get(PRINCIPAL);
    }
}
