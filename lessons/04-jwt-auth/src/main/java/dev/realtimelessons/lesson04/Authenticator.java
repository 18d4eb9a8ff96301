package dev.realtimelessons.lesson04;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.kit.server.Handshake;

/**
 * Step 2: decides who a handshake (or an admin REST request) comes from: its Origin first, then its credentials.
 */
public final class Authenticator {

    private final AuthConfig config;
    private final TokenVerifier tokens;

    /**
     * @param config the API keys and allowed origins
     * @param tokens checks tokens
     */
    public Authenticator(AuthConfig config, TokenVerifier tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    /**
     * Step 2: authenticates a request. A browser's {@code Origin} must be the server's own or an allowed one (a
     * request without one is not from a browser page). Then the first credential present decides, in this order:
     * {@code Authorization: Bearer <token>}, the {@code token} query parameter, {@code X-API-Key}. A credential
     * that is present but bad is refused: the next one is not tried.
     *
     * @param request the request
     * @return who the client is
     * @throws AuthFailure 403 {@code forbidden_origin}; 401 {@code missing_credentials},
     *                     {@code malformed_credentials}, {@code unknown_api_key}, or the token's failure
     */
    public Authenticated authenticate(Handshake request) throws AuthFailure {
        throw new TodoException("Step 2: check the Origin, then take the first credential present: Bearer header,"
                + " token parameter, X-API-Key (see README, step 2)");
    }
}
