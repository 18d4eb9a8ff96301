package dev.realtimelessons.kit.server;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries accepted principals from the {@link HandshakeFilter} to the endpoint's configurator: Tyrus copies request
 * headers into the handshake request but no other state, so the filter puts a random handle in a header of its
 * own and keeps the principal here until the configurator takes it.
 */
final class AcceptedHandshakes {

    /** The request header that carries the handle; a client's own copy of it is removed first. */
    static final String HEADER = "X-Realtime-Handshake";

    private final Map<String, Object> pending = new ConcurrentHashMap<>();

    String put(Object principal) {
        String handle = UUID.randomUUID().toString();
        pending.put(handle, principal);
        return handle;
    }

    Object take(String handle) {
        return handle == null ? null : pending.remove(handle);
    }

    void forget(String handle) {
        pending.remove(handle);
    }

    int size() {
        return pending.size();
    }
}
