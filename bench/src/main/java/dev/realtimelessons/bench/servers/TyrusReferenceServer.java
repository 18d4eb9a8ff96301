package dev.realtimelessons.bench.servers;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.glassfish.tyrus.server.Server;

/**
 * Runs {@link RoomEndpoint} on Tyrus's own Grizzly server at {@code ws://127.0.0.1:$PORT/ws} until the process is
 * stopped. Tyrus's {@code Server} binds every interface whatever host it is given (see the Tyrus notes); the
 * harness only ever connects to loopback.
 */
public final class TyrusReferenceServer {

    private TyrusReferenceServer() {
    }

    /**
     * @param args none
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Server server = new Server("127.0.0.1", port, "/", Map.of(), RoomEndpoint.class);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        System.out.println("bare Tyrus room broadcast on ws://127.0.0.1:" + port + "/ws");
        new CountDownLatch(1).await();
    }
}
