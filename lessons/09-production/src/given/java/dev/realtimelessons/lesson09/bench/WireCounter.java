package dev.realtimelessons.lesson09.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy that counts the bytes the server sends its clients: WebSocket frames as they are on the
 * wire (headers, compressed or not, control frames and the handshake answers), not TCP/IP overhead. Its threads'
 * names start with {@value #THREADS}, so that their CPU is counted as the clients'.
 */
final class WireCounter implements AutoCloseable {

    /** The prefix of the proxy's thread names. */
    static final String THREADS = "bench-proxy";

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicLong down = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /**
     * Listens on a free port of 127.0.0.1.
     *
     * @param target the server, on loopback
     * @throws IOException if no port can be bound
     */
    WireCounter(InetSocketAddress target) throws IOException {
        if (!target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback only, not " + target);
        }
        this.target = target;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        start(THREADS + "-accept", this::accept);
    }

    /** @return the port clients connect to */
    int port() {
        return listener.getLocalPort();
    }

    /** @return bytes from the server to the clients so far */
    long bytesDown() {
        return down.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                start(THREADS + "-up", () -> pump(client, server, null));
                start(THREADS + "-down", () -> pump(server, client, down));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) { // ends with the connection
                if (counter != null) {
                    counter.addAndGet(n);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException closed) {
            // one side closed: the connection is over
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
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
        sockets.forEach(WireCounter::closeQuietly);
    }
}
