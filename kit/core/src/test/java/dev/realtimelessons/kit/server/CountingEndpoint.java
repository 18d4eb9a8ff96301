package dev.realtimelessons.kit.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** Records the principal of every session it opens. Public: Tyrus calls it. */
public final class CountingEndpoint extends Endpoint {

    /** The principals of the sessions opened so far, in order ("none" for a session without one). */
    public static final class Opened {
        final List<Object> principals = new CopyOnWriteArrayList<>();
        final List<String> queries = new CopyOnWriteArrayList<>();
    }

    private final Opened opened;

    CountingEndpoint(Opened opened) {
        this.opened = opened;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Object principal = HandshakeGuard.principalOf(session);
        opened.principals.add(principal == null ? "none" : principal);
        opened.queries.add(String.valueOf(session.getQueryString()));
    }
}
