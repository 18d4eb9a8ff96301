package dev.realtimelessons.kit.testing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.realtimelessons.kit.testing.RawWebSocket;

/**
 * The attack on a WebSocket server's memory that a frame size limit must stop: many connections, each of which
 * announces a large frame, sends a part of its payload, and pauses. A server that buffers frames before checking
 * their size keeps every part it received; one that reads the header first keeps nothing.
 *
 * <p>For loopback servers under test only: the number of connections is bounded, and every connection is closed
 * by {@link #close()}.
 */
public final class PartialFrameFlood implements AutoCloseable {

    /** More would be a load test; this is a memory measurement. */
    public static final int MAX_CONNECTIONS = 2_000;

    private final List<RawWebSocket> sockets;

    private PartialFrameFlood(List<RawWebSocket> sockets) {
        this.sockets = sockets;
    }

    /**
     * Opens the connections one after another, each with a completed handshake and nothing sent after it.
     *
     * @param uri         a {@code ws://} URI on a loopback address
     * @param connections 1 to {@value #MAX_CONNECTIONS}
     * @return the open connections
     * @throws IllegalArgumentException if the URI is not on loopback or the count is out of bounds
     * @throws UncheckedIOException     if a connection or a handshake fails (the ones opened are closed)
     */
    public static PartialFrameFlood open(URI uri, int connections) {
        if (!isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("a flood only targets loopback, not " + uri.getHost());
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections must be 1.." + MAX_CONNECTIONS + ", got " + connections);
        }
        List<RawWebSocket> sockets = new ArrayList<>(connections);
        PartialFrameFlood flood = new PartialFrameFlood(sockets);
        String key = Base64.getEncoder().encodeToString("partial-frames!!".getBytes(StandardCharsets.US_ASCII));
        try {
            for (int i = 0; i < connections; i++) {
                RawWebSocket socket = RawWebSocket.open(uri, key);
                sockets.add(socket);
                if (!socket.statusLine().contains(" 101 ")) {
                    throw new IOException("handshake " + i + " refused: " + socket.statusLine());
                }
            }
        } catch (IOException e) {
            flood.close();
            throw new UncheckedIOException(e);
        }
        return flood;
    }

    /**
     * On every connection: the header of a text frame that announces {@code announced} bytes, then {@code sent}
     * bytes of its payload, and nothing more.
     *
     * @param announced the payload length the header announces
     * @param sent      how much of it to send, at most {@code announced}
     * @throws UncheckedIOException if a write fails (a server that closed the connection and stopped reading)
     */
    public void sendPartialFrames(long announced, int sent) {
        if (sent < 0 || sent > announced) {
            throw new IllegalArgumentException("sent must be 0.." + announced + ", got " + sent);
        }
        byte[] part = new byte[sent];
        try {
            for (RawWebSocket socket : sockets) {
                socket.sendHeader(true, RawWebSocket.TEXT, announced);
                socket.sendBytes(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many connections have something from the server to read, without waiting: after
     * {@link #sendPartialFrames}, the close frames of a server that refused the frames.
     *
     * @return the number of connections with bytes waiting
     */
    public int answered() {
        int answered = 0;
        for (RawWebSocket socket : sockets) {
            try {
                if (socket.in().available() > 0) {
                    answered++;
                }
            } catch (IOException closed) {
                answered++; // a reset counts as an answer too
            }
        }
        return answered;
    }

    /**
     * The close codes the server sent, reading each connection's frames up to its close frame.
     *
     * @return one code per connection that got a close frame; connections without one are left out
     */
    public List<Integer> closeCodes() {
        List<Integer> codes = new ArrayList<>();
        for (RawWebSocket socket : sockets) {
            try {
                if (socket.in().available() > 0) {
                    codes.add(socket.awaitClose().closeCode());
                }
            } catch (IOException | AssertionError noClose) {
                // left out: the caller compares the count with the number of connections
            }
        }
        return codes;
    }

    /** Closes every connection (the TCP connection, without a close frame). */
    @Override
    public void close() {
        for (RawWebSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that failed: nothing left to release
            }
        }
    }

    private static boolean isLoopback(String host) {
        return "localhost".equals(host) || host.startsWith("127.") || "[::1]".equals(host) || "::1".equals(host);
    }
}
