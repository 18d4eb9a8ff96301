package dev.realtimelessons.kit.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP written by hand on a socket, for requests no well-behaved client sends (heads too large, handshakes at a
 * cap) and answers that must be seen byte for byte.
 */
final class RawHttp implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final String statusLine;
    private final Map<String, String> headers;

    private RawHttp(Socket socket, String statusLine, Map<String, String> headers) {
        this.socket = socket;
        this.statusLine = statusLine;
        this.headers = headers;
    }

    /** An opening handshake for {@code target} with more header lines (each ending in CRLF). */
    static String upgrade(String target, String extraHeaders) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
                + "\r\n";
    }

    /**
     * Sends a request from 127.0.0.1 and reads the answer's status line and headers; the socket stays open.
     *
     * @param port    the server's port on 127.0.0.1
     * @param request the whole request, as ISO-8859-1
     * @return the answer so far
     */
    static RawHttp send(int port, String request) {
        return send("127.0.0.1", port, request);
    }

    /**
     * Sends a request from a given local address (any of 127.0.0.0/8 on Linux) to the server on 127.0.0.1.
     *
     * @param from    the local address, for example {@code 127.0.0.2}
     * @param port    the server's port on 127.0.0.1
     * @param request the whole request, as ISO-8859-1
     * @return the answer so far
     */
    static RawHttp send(String from, int port, String request) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            write(socket, request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String statusLine = readLine(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            return new RawHttp(socket, statusLine, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the request on another thread, so that the answer can be read while a request larger than the
     * socket buffers is still being written: a server may refuse such a request before it has read it all.
     */
    private static void write(Socket socket, byte[] request) {
        Thread writer = new Thread(() -> {
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException refusedMeanwhile) {
                // the server closed the connection before the whole request was written: its answer says why
            }
        }, "raw-http-writer");
        writer.setDaemon(true);
        writer.start();
    }

    int status() {
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** The reason phrase of the status line, for example {@code Too Many Requests}. */
    String reason() {
        return statusLine.split(" ", 3)[2];
    }

    /** A header of the answer, or an empty string. */
    String header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    /** The rest of the answer up to the server's close: the body of a refusal. */
    String body() {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What follows the answer's head: the frames of an upgraded connection. */
    InputStream in() {
        try {
            return socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection (reading blocks up to 5 s for an answer). */
    boolean closedByServer() {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException e) {
            return true; // a reset is a close too
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed within the answer's head, after: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
