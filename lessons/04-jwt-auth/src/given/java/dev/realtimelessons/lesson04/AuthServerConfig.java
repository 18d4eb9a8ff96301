package dev.realtimelessons.lesson04;

import java.util.Map;

import dev.realtimelessons.lesson03.RoomsConfig;

/**
 * How an {@link AuthServer} runs.
 *
 * @param rooms lesson 03's settings
 * @param auth  how clients authenticate
 */
public record AuthServerConfig(RoomsConfig rooms, AuthConfig auth) {

    /**
     * For tests: a free port, lesson 03's defaults, {@link AuthConfig#forTests()}.
     *
     * @return the configuration
     */
    public static AuthServerConfig forTests() {
        return new AuthServerConfig(RoomsConfig.forTests(), AuthConfig.forTests());
    }

    /**
     * From the environment: {@code HOST}, {@code PORT} and the variables of {@link AuthConfig#fromEnvironment}.
     *
     * @param env the environment
     * @return the configuration
     */
    public static AuthServerConfig fromEnvironment(Map<String, String> env) {
        return new AuthServerConfig(RoomsConfig.fromEnvironment(env), AuthConfig.fromEnvironment(env));
    }

    /** @param auth how clients authenticate @return a copy */
    public AuthServerConfig withAuth(AuthConfig auth) {
        return new AuthServerConfig(rooms, auth);
    }

    /** @param rooms lesson 03's settings @return a copy */
    public AuthServerConfig withRooms(RoomsConfig rooms) {
        return new AuthServerConfig(rooms, auth);
    }
}
