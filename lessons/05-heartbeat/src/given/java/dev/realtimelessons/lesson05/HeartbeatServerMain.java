package dev.realtimelessons.lesson05;

import dev.realtimelessons.lesson04.AuthServerConfig;

/**
 * Runs lesson 05's server until Ctrl+C: lesson 04's variables, plus those of
 * {@link HeartbeatConfig#fromEnvironment}.
 */
public final class HeartbeatServerMain {

    private HeartbeatServerMain() {
    }

    /**
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        HeartbeatConfig heartbeat = HeartbeatConfig.fromEnvironment(System.getenv());
        try (HeartbeatServer server = HeartbeatServer.start(AuthServerConfig.fromEnvironment(System.getenv()),
                heartbeat)) {
            System.out.println("Chat page:  " + server.uri("http", "/"));
            System.out.println("WebSocket:  " + server.uri("ws", "/ws"));
            System.out.println("Heartbeat:  a ping after " + heartbeat.interval().toMillis() + " ms of silence, "
                    + heartbeat.timeout().toMillis() + " ms to answer; " + heartbeat.historySize()
                    + " messages kept per room");
            Thread.currentThread().join();
        }
    }
}
