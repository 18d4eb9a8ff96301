package dev.realtimelessons.lesson01;

import dev.realtimelessons.kit.TodoException;

/**
 * The {@code Sec-WebSocket-Accept} value of an opening handshake (RFC 6455, section 4.2.2).
 *
 * <p>The server proves it understood the WebSocket request (and is not a cache or an HTTP server replaying an old
 * answer) by hashing the client's random key with a fixed GUID.
 */
public final class HandshakeAccept {

    /** The GUID every WebSocket server appends to the key (RFC 6455, section 1.3). */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private HandshakeAccept() {
    }

    /**
     * Step 4: computes the accept value: base64(SHA-1(key + GUID)).
     *
     * <p>RFC 6455's example: the key {@code dGhlIHNhbXBsZSBub25jZQ==} gives {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}.
     *
     * @param key the {@code Sec-WebSocket-Key} header, as sent (no trimming needed beyond what HTTP does)
     * @return the value for {@code Sec-WebSocket-Accept}
     */
    public static String forKey(String key) {
        throw new TodoException("Step 4: return base64(SHA-1(key + GUID)) (see README, step 4)");
    }
}
