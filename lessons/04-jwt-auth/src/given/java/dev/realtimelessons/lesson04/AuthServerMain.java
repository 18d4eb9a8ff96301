package dev.realtimelessons.lesson04;

import java.util.Set;

/**
 * Runs the authenticated chat until Ctrl+C. Configuration: {@link AuthServerConfig#fromEnvironment}.
 */
public final class AuthServerMain {

    private AuthServerMain() {
    }

    /**
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        AuthServerConfig config = AuthServerConfig.fromEnvironment(System.getenv());
        try (AuthServer server = AuthServer.start(config)) {
            System.out.println("Chat page:  " + server.uri("http", "/"));
            System.out.println("WebSocket:  " + server.uri("ws", "/ws")
                    + (config.auth().required() ? " (needs a token or an API key)" : " (?user=NAME)"));
            System.out.println("Auth:       " + (config.auth().required() ? "required" : "OFF (AUTH_REQUIRED=false)")
                    + ", dev login " + (config.auth().devLogin() ? "on: POST /api/token {\"user\":\"ada\"}" : "off"));
            if (config.auth().devLogin()) {
                System.out.println("Try:        curl -s -X POST -d '{\"user\":\"ada\"}' "
                        + server.uri("http", "/api/token"));
                System.out.println("Admin token (10 min): "
                        + server.issuer().issue("admin", Set.of("admin"), Set.of(), java.time.Duration.ofMinutes(10)));
            }
            Thread.currentThread().join();
        }
    }
}
