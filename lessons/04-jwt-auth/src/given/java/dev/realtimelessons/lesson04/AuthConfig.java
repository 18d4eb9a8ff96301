package dev.realtimelessons.lesson04;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import javax.crypto.SecretKey;

import io.jsonwebtoken.security.Keys;

import dev.realtimelessons.lesson02.Identity;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * How clients authenticate. {@link #fromEnvironment} documents every variable.
 *
 * @param required       false lets anyone connect as lesson 02's {@code ?user=} (development only)
 * @param key            the HS256 key, at least 32 bytes (a longer one is still used for HS256 only)
 * @param keyGenerated   true when the key was made up at start-up: tokens die with the process
 * @param issuer         the {@code iss} tokens must carry
 * @param audience       the {@code aud} tokens must carry
 * @param tokenTtl       how long a token from the dev login lasts
 * @param devLogin       whether {@code POST /api/token} hands out tokens to anyone who asks
 * @param apiKeys        API key to service name
 * @param allowedOrigins browser origins allowed besides the server's own, exactly as browsers send them
 * @param clockSkew      how far {@code exp} and {@code nbf} may be off between machines
 */
public record AuthConfig(boolean required, SecretKey key, boolean keyGenerated, String issuer, String audience,
                         Duration tokenTtl, boolean devLogin, Map<String, String> apiKeys,
                         Set<String> allowedOrigins, Duration clockSkew) {

    /** The smallest HS256 key: 256 bits (RFC 7518, section 3.2). */
    public static final int MIN_KEY_BYTES = 32;

    private static final System.Logger LOG = System.getLogger(AuthConfig.class.getName());

    /** Copies the collections. */
    public AuthConfig {
        apiKeys = Map.copyOf(apiKeys);
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /**
     * For tests: authentication on, a random key, the dev login on, 15-minute tokens, one API key
     * ({@code test-service-key} for {@code billing}), no clock skew.
     *
     * @return the configuration
     */
    public static AuthConfig forTests() {
        return new AuthConfig(true, randomKey(), true, "realtime-lessons", "realtime-lessons-ws",
                Duration.ofMinutes(15), true, Map.of("test-service-key", "billing"), Set.of(), Duration.ZERO);
    }

    /**
     * From environment variables:
     * <ul>
     *   <li>{@code AUTH_REQUIRED} (default {@code true}): {@code false} switches authentication off;</li>
     *   <li>{@code DEV_MODE} (default {@code true}): allows a generated key and the dev login;</li>
     *   <li>{@code JWT_SECRET}: the HS256 key, at least 32 bytes of UTF-8 (tokens are HS256 whatever its length);
     *       without it, dev mode generates one and warns, and production mode refuses to start;</li>
     *   <li>{@code JWT_ISSUER} (default {@code realtime-lessons}), {@code JWT_AUDIENCE} (default
     *       {@code realtime-lessons-ws});</li>
     *   <li>{@code TOKEN_TTL_SECONDS} (default 900);</li>
     *   <li>{@code DEV_LOGIN} (default: {@code DEV_MODE});</li>
     *   <li>{@code API_KEYS}: {@code name:key} pairs, comma-separated; a name is the user of the key's
     *       connections, so it follows lesson 02's rule for users;</li>
     *   <li>{@code ALLOWED_ORIGINS}: comma-separated origins, for example {@code https://chat.example.com};</li>
     *   <li>{@code CLOCK_SKEW_SECONDS} (default 5).</li>
     * </ul>
     *
     * @param env the environment
     * @return the configuration
     * @throws IllegalArgumentException if a value is invalid, or the key is missing outside dev mode
     */
    public static AuthConfig fromEnvironment(Map<String, String> env) {
        boolean devMode = Boolean.parseBoolean(env.getOrDefault("DEV_MODE", "true"));
        String secret = env.get("JWT_SECRET");
        SecretKey key;
        boolean generated = secret == null || secret.isEmpty();
        if (!generated) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("JWT_SECRET must be at least " + MIN_KEY_BYTES
                        + " bytes for HS256, got " + bytes.length);
            }
            key = Keys.hmacShaKeyFor(bytes);
        } else if (devMode) {
            LOG.log(System.Logger.Level.WARNING, "JWT_SECRET is not set: using a random key for this run only;"
                    + " tokens will not survive a restart and other servers cannot verify them");
            key = randomKey();
        } else {
            throw new IllegalArgumentException("JWT_SECRET is required when DEV_MODE=false");
        }
        return new AuthConfig(Boolean.parseBoolean(env.getOrDefault("AUTH_REQUIRED", "true")), key, generated,
                env.getOrDefault("JWT_ISSUER", "realtime-lessons"),
                env.getOrDefault("JWT_AUDIENCE", "realtime-lessons-ws"),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("TOKEN_TTL_SECONDS", "900"))),
                devMode && Boolean.parseBoolean(env.getOrDefault("DEV_LOGIN", "true")),
                apiKeys(env.getOrDefault("API_KEYS", "")), list(env.getOrDefault("ALLOWED_ORIGINS", "")),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("CLOCK_SKEW_SECONDS", "5"))));
    }

    /** @param required whether clients must authenticate @return a copy */
    public AuthConfig withRequired(boolean required) {
        return new AuthConfig(required, key, keyGenerated, issuer, audience, tokenTtl, devLogin, apiKeys,
                allowedOrigins, clockSkew);
    }

    /** @param origins allowed browser origins @return a copy */
    public AuthConfig withAllowedOrigins(Set<String> origins) {
        return new AuthConfig(required, key, keyGenerated, issuer, audience, tokenTtl, devLogin, apiKeys,
                origins, clockSkew);
    }

    /**
     * @param ttl       how long a token from the dev login lasts
     * @param clockSkew how far {@code exp} may be off
     * @return a copy
     */
    public AuthConfig withTokenTimes(Duration ttl, Duration clockSkew) {
        return new AuthConfig(required, key, keyGenerated, issuer, audience, ttl, devLogin, apiKeys,
                allowedOrigins, clockSkew);
    }

    /** @param enabled whether the dev login hands out tokens @return a copy */
    public AuthConfig withDevLogin(boolean enabled) {
        return new AuthConfig(required, key, keyGenerated, issuer, audience, tokenTtl, enabled, apiKeys,
                allowedOrigins, clockSkew);
    }

    @Override
    public String toString() { // never print the key or the API keys
        return "AuthConfig[required=" + required + ", keyGenerated=" + keyGenerated + ", issuer=" + issuer
                + ", audience=" + audience + ", tokenTtl=" + tokenTtl + ", devLogin=" + devLogin + ", apiKeys="
                + apiKeys.values() + ", allowedOrigins=" + allowedOrigins + ", clockSkew=" + clockSkew + "]";
    }

    private static SecretKey randomKey() {
        byte[] bytes = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Keys.hmacShaKeyFor(bytes);
    }

    private static Map<String, String> apiKeys(String pairs) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String pair : list(pairs)) {
            int colon = pair.indexOf(':');
            if (colon < 1 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("API_KEYS must be name:key pairs separated by commas");
            }
            String name = pair.substring(0, colon);
            try {
                Identity.validUser(name); // the user of the key's connections: direct and notify must reach it
            } catch (ProtocolError e) {
                throw new IllegalArgumentException("API_KEYS: the name '" + name + "' is the user its connections"
                        + " get, and " + e.getMessage());
            }
            byKey.put(pair.substring(colon + 1), name);
        }
        return byKey;
    }

    private static Set<String> list(String commaSeparated) {
        Set<String> values = new LinkedHashSet<>();
        Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(value -> !value.isEmpty())
                .forEach(values::add);
        return values;
    }
}
