package dev.realtimelessons.lesson01.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that counts what crosses it: bytes each way and connections. It measures what a
 * technique really puts on the wire (HTTP headers and bodies, WebSocket frames), not TCP/IP overhead.
 */
public final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /**
     * Starts listening on a free loopback port.
     *
     * @param target where to forward, a loopback address
     * @throws IOException if no port can be bound
     */
    public CountingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("proxy-accept", this::acceptLoop);
    }

    /**
     * The port clients should connect to.
     *
     * @return the port
     */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return bytes from clients to the server */
    public long bytesUp() {
        return bytesUp.get();
    }

    /** @return bytes from the server to clients */
    public long bytesDown() {
        return bytesDown.get();
    }

    /** @return connections opened so far */
    public int connectionsOpened() {
        return opened.get();
    }

    /** @return the most connections open at the same time */
    public int maxOpenConnections() {
        return maxOpen.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                opened.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                AtomicInteger pumps = new AtomicInteger(2);
                Runnable closeBoth = () -> {
                    if (pumps.decrementAndGet() == 0) {
                        open.decrementAndGet();
                    }
                    closeQuietly(client);
                    closeQuietly(server);
                };
                start("proxy-up", () -> pump(client, server, bytesUp, closeBoth));
                start("proxy-down", () -> pump(server, client, bytesDown, closeBoth));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter, Runnable onEnd) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                counter.addAndGet(n);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the connection is over
        } finally {
            onEnd.run();
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(CountingProxy::closeQuietly);
    }
}
