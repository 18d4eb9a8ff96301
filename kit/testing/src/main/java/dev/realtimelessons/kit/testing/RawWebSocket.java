package dev.realtimelessons.kit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket handshake done by hand over a plain socket, and nothing more: after {@link #open} the test reads
 * and writes raw frame bytes itself. For looking at the protocol as it is on the wire, or for playing a peer
 * that misbehaves (one that never answers, one that goes silent).
 *
 * <p>It does not check {@code Sec-WebSocket-Accept}: that is the test's job.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final String statusLine;
    private final Map<String, String> headers;

    private RawWebSocket(Socket socket, String statusLine, Map<String, String> headers) {
        this.socket = socket;
        this.statusLine = statusLine;
        this.headers = headers;
    }

    /**
     * Connects and sends an opening handshake with the given key; reads the server's answer up to the blank line.
     *
     * @param uri a {@code ws://} URI
     * @param key the {@code Sec-WebSocket-Key}: base64 of 16 random bytes
     * @return the connection, positioned at the first frame byte
     * @throws IOException if the connection fails or the answer is not HTTP
     */
    public static RawWebSocket open(URI uri, String key) throws IOException {
        return open(uri, key, Map.of());
    }

    /**
     * Connects and sends an opening handshake with extra headers (for example {@code Authorization} or
     * {@code Origin}); reads the server's answer up to the blank line.
     *
     * @param uri     a {@code ws://} URI
     * @param key     the {@code Sec-WebSocket-Key}: base64 of 16 random bytes
     * @param headers more header names and values
     * @return the connection, positioned at the first frame byte, or at the body of a refusal
     * @throws IOException if the connection fails or the answer is not HTTP
     */
    public static RawWebSocket open(URI uri, String key, Map<String, String> headers) throws IOException {
        StringBuilder extra = new StringBuilder();
        headers.forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(TIMEOUT_MILLIS);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extra
                + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();

        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        Map<String, String> answer = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            answer.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new RawWebSocket(socket, statusLine, answer);
    }

    /**
     * Sends one text frame, masked as a client must (RFC 6455, section 5.3), with a fixed mask: tests need no
     * secrecy. At most 65,535 bytes.
     *
     * @param text the message
     * @throws IOException if the connection fails
     */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        frame.write(0x81); // FIN, text
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out().write(frame.toByteArray());
        out().flush();
    }

    /**
     * Reads everything the server sends until it closes the connection: the body of a refused handshake.
     *
     * @return the bytes as UTF-8
     * @throws IOException if the server neither closes nor sends within 5 s
     */
    public String readToEnd() throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The status line, for example {@code HTTP/1.1 101 Switching Protocols}.
     *
     * @return the status line
     */
    public String statusLine() {
        return statusLine;
    }

    /**
     * A response header.
     *
     * @param name any case
     * @return the value, or an empty string
     */
    public String header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    /**
     * The bytes after the handshake: frames from the server.
     *
     * @return the socket's input stream (reads time out after 5 s)
     * @throws IOException if the socket is closed
     */
    public InputStream in() throws IOException {
        return socket.getInputStream();
    }

    /**
     * Where to write frames to the server (a client must mask them).
     *
     * @return the socket's output stream
     * @throws IOException if the socket is closed
     */
    public OutputStream out() throws IOException {
        return socket.getOutputStream();
    }

    /** Closes the TCP connection without a close frame. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed during the handshake after: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
