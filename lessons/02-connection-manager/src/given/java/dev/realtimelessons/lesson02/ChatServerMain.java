package dev.realtimelessons.lesson02;

import java.util.concurrent.CountDownLatch;

/**
 * Runs lesson 02's server until the process is stopped. {@code HOST}, {@code PORT} and the connection limits come
 * from the environment: see {@link ChatServerConfig#fromEnvironment}.
 */
public final class ChatServerMain {

    private ChatServerMain() {
    }

    /**
     * Starts the server and waits.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        ChatServer server = ChatServer.start(ChatServerConfig.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.printf("""
                Lesson 02 connection manager
                  WebSocket  npx wscat -c '%s'
                  stats      curl %s
                  notify     curl -X POST -H 'Content-Type: application/json' -d '{"data":"hi"}' %s
                Stop with Ctrl+C.
                """, server.uri("ws", "/ws?user=ada"), server.uri("http", "/api/stats"),
                server.uri("http", "/api/notify/ada"));
        new CountDownLatch(1).await();
    }
}
