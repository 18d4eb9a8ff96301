package dev.realtimelessons.lesson04;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    // tag::authenticate[]
    public Authenticated authenticate(Handshake request) throws AuthFailure {
        checkOrigin(request);
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ") || value.substring(7).isBlank()) {
                throw AuthFailure.unauthorized("malformed_credentials", "Authorization must be 'Bearer <token>'");
            }
            return tokens.verify(value.substring(7).trim(), Authenticated.Via.BEARER_HEADER);
        }
        Optional<String> token = request.parameter("token");
        if (token.isPresent()) {
            return tokens.verify(token.get(), Authenticated.Via.QUERY_TOKEN);
        }
        Optional<String> apiKey = request.header("X-API-Key");
        if (apiKey.isPresent()) {
            String service = serviceOf(apiKey.get()).orElseThrow(() ->
                    AuthFailure.unauthorized("unknown_api_key", "the API key is not known"));
            return new Authenticated(service, Set.of("service"), Set.of(), null, Authenticated.Via.API_KEY);
        }
        throw AuthFailure.unauthorized("missing_credentials",
                "send 'Authorization: Bearer <token>', a token query parameter, or an X-API-Key header");
    }
    // end::authenticate[]

    // tag::origin[]
    private void checkOrigin(Handshake request) throws AuthFailure {
        Optional<String> origin = request.header("Origin");
        if (origin.isEmpty()) {
            return; // not a browser: cross-site WebSocket hijacking needs a victim's browser
        }
        String host = request.header("Host").orElse("");
        boolean sameOrigin = origin.get().equals("http://" + host) || origin.get().equals("https://" + host);
        if (!sameOrigin && !config.allowedOrigins().contains(origin.get())) {
            throw new AuthFailure(403, "forbidden_origin", "pages from this origin may not connect");
        }
    }
    // end::origin[]

    private Optional<String> serviceOf(String apiKey) {
        byte[] offered = apiKey.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, String> known : config.apiKeys().entrySet()) { // no early exit: constant time
            if (MessageDigest.isEqual(offered, known.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = known.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
