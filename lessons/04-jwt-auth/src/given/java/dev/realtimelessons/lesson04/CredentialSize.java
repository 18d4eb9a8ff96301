package dev.realtimelessons.lesson04;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import dev.realtimelessons.kit.server.Handshake;

/**
 * The largest token the server reads: 8 KiB. A longer one is refused with 401 {@code invalid_token} before anything
 * decodes or parses it, at the handshake, on the admin API and in a {@code refresh}.
 *
 * <p>Why 8 KiB: a token from the dev login, whose request body is at most 4 KiB, stays below it; so do the tokens of
 * real identity providers, which must fit in the 8 KiB header limit of most servers and proxies. Requests whose
 * whole head is over 16 KiB never get here: the kit answers them 431 (see {@code RealtimeServer}).
 */
public final class CredentialSize {

    /** The largest token, in bytes of UTF-8. */
    public static final int MAX_TOKEN_BYTES = 8 * 1024;

    private CredentialSize() {
    }

    /**
     * Refuses a request whose token is too large. The token is the one {@link Authenticator} would read: the
     * {@code Authorization: Bearer} header's, or, without an {@code Authorization} header, the {@code token}
     * parameter's. Anything else is left to the authenticator.
     *
     * @param request the handshake or REST request
     * @throws AuthFailure 401 {@code invalid_token} if its token is over {@link #MAX_TOKEN_BYTES}
     */
    public static void check(Handshake request) throws AuthFailure {
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
                check(value.substring(7).trim());
            }
            return; // another scheme is not a token: the authenticator refuses it
        }
        Optional<String> token = request.parameter("token");
        if (token.isPresent()) {
            check(token.get());
        }
    }

    /**
     * Refuses a token that is too large.
     *
     * @param token the token
     * @throws AuthFailure 401 {@code invalid_token} if it is over {@link #MAX_TOKEN_BYTES}
     */
    public static void check(String token) throws AuthFailure {
        // A char takes at least one byte: only a token near the limit needs counting
        if (token.length() > MAX_TOKEN_BYTES || (token.length() > MAX_TOKEN_BYTES / 4
                && token.getBytes(StandardCharsets.UTF_8).length > MAX_TOKEN_BYTES)) {
            throw AuthFailure.unauthorized("invalid_token", "the token is longer than " + MAX_TOKEN_BYTES + " bytes");
        }
    }
}
