package dev.realtimelessons.bench.servers;

import java.util.concurrent.CountDownLatch;

import dev.realtimelessons.lesson04.AuthServerConfig;
import dev.realtimelessons.lesson05.HeartbeatConfig;
import dev.realtimelessons.lesson05.HeartbeatServer;

/**
 * Lesson 05's server as {@code HeartbeatServerMain} runs it (lesson 04's variables, {@code AUTH_REQUIRED=false}
 * for the benchmark's {@code ?user=} clients, and the heartbeat's), with the flood control lifted
 * ({@link BenchFloodControl}).
 */
public final class Lesson05Server {

    private Lesson05Server() {
    }

    /**
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        AuthServerConfig auth = AuthServerConfig.fromEnvironment(System.getenv());
        HeartbeatServer server = HeartbeatServer.start(auth.withRooms(BenchFloodControl.lifted(auth.rooms())),
                HeartbeatConfig.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        System.out.println("lesson 05 on " + server.uri("ws", "/ws"));
        new CountDownLatch(1).await();
    }
}
