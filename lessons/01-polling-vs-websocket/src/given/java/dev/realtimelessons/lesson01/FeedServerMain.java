package dev.realtimelessons.lesson01;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the lesson's server until the process is stopped (Ctrl+C). {@code HOST}, {@code PORT} and {@code RATE}
 * override the defaults of {@link FeedServerConfig#defaults()}.
 */
public final class FeedServerMain {

    private FeedServerMain() {
    }

    /**
     * Starts the server and waits.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        FeedServerConfig config = FeedServerConfig.fromEnvironment(System.getenv());
        FeedServer server = FeedServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.printf("""
                Lesson 01 feed server, %s events/s
                  page        %s
                  short poll  curl '%s'
                  long poll   curl '%s'
                  SSE         curl -N %s
                  WebSocket   npx wscat -c '%s'
                Stop with Ctrl+C.
                """, config.ratePerSecond(), server.uri("http", "/"), server.uri("http", "/poll?since=0"),
                server.uri("http", "/long-poll"), server.uri("http", "/events"), server.uri("ws", "/ws"));
        new CountDownLatch(1).await();
    }
}
