package dev.realtimelessons.kit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free port of 127.0.0.1 in front of a server of this machine, that a fault test can cut and
 * restore: a database or a broker that goes away under a running server, and comes back on the same address.
 * While cut, every open connection is closed and new ones are closed as soon as they are accepted.
 *
 * <p>Only loopback: the proxy listens on 127.0.0.1 and refuses a target that is not a loopback address.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean cut;

    private TcpProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
        this.acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /**
     * Starts a proxy.
     *
     * @param host the target's host, a loopback name or address
     * @param port the target's port
     * @return the proxy, forwarding
     * @throws IllegalArgumentException if the target is not a loopback address
     */
    public static TcpProxy to(String host, int port) {
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("a proxy of the tests forwards to loopback only, not " + host);
        }
        try {
            return new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** @return the port clients connect to */
    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every open connection, and every new one, until {@link #restore}. */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Forwards new connections again. */
    public void restore() {
        cut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(listener);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException closed) {
                // one side closed, or the proxy was cut: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing what is broken already
        }
    }
}
