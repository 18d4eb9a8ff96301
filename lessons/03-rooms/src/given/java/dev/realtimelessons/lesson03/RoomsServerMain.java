package dev.realtimelessons.lesson03;

import java.util.concurrent.CountDownLatch;

/**
 * Runs lesson 03's server until the process is stopped. {@code HOST}, {@code PORT} and the connection limits come
 * from the environment: see {@link dev.realtimelessons.lesson02.ChatServerConfig#fromEnvironment}.
 */
public final class RoomsServerMain {

    private RoomsServerMain() {
    }

    /**
     * Starts the server and waits.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        RoomsServer server = RoomsServer.start(RoomsConfig.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.printf("""
                Lesson 03 rooms
                  chat page  %s  (open it in two browser windows)
                  WebSocket  npx wscat -c '%s'
                Stop with Ctrl+C.
                """, server.uri("http", "/"), server.uri("ws", "/ws?user=ada"));
        new CountDownLatch(1).await();
    }
}
