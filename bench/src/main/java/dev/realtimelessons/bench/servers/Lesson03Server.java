package dev.realtimelessons.bench.servers;

import java.util.concurrent.CountDownLatch;

import dev.realtimelessons.lesson03.RoomsConfig;
import dev.realtimelessons.lesson03.RoomsServer;

/**
 * Lesson 03's server as {@code RoomsServerMain} runs it (its variables: {@code HOST}, {@code PORT}, the connection
 * limits), with the flood control lifted ({@link BenchFloodControl}).
 */
public final class Lesson03Server {

    private Lesson03Server() {
    }

    /**
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        RoomsServer server = RoomsServer.start(BenchFloodControl.lifted(RoomsConfig.fromEnvironment(System.getenv())));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.println("lesson 03 on " + server.uri("ws", "/ws"));
        new CountDownLatch(1).await();
    }
}
