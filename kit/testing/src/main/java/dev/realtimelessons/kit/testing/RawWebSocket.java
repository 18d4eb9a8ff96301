package dev.realtimelessons.kit.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket handshake done by hand over a plain socket, and frames by hand after it: after {@link #open} the
 * test writes whole frames, bare headers, unmasked frames or any bytes, and reads the server's frames one by one.
 * For looking at the protocol as it is on the wire, or for playing a peer that misbehaves (one that never answers,
 * one that goes silent, one that announces 4 MB and sends 32 KB).
 *
 * <p>It does not check {@code Sec-WebSocket-Accept}: that is the test's job.
 */
public final class RawWebSocket implements AutoCloseable {

    /** Opcode of a frame that continues a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** Opcode of a text frame. */
    public static final int TEXT = 0x1;
    /** Opcode of a binary frame. */
    public static final int BINARY = 0x2;
    /** Opcode of a close frame. */
    public static final int CLOSE = 0x8;
    /** Opcode of a ping frame. */
    public static final int PING = 0x9;
    /** Opcode of a pong frame. */
    public static final int PONG = 0xA;

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

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
     * secrecy.
     *
     * @param text the message
     * @throws IOException if the connection fails
     */
    public void sendText(String text) throws IOException {
        sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends one whole frame, masked as a client must.
     *
     * @param fin     whether this is the last frame of its message
     * @param opcode  {@link #TEXT}, {@link #CONTINUATION}, {@link #PING} and so on; any 4-bit value
     * @param payload the payload, before masking
     * @throws IOException if the connection fails
     */
    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(14 + payload.length);
        frame.writeBytes(header(fin, opcode, payload.length, true));
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ MASK[i % 4]);
        }
        sendBytes(frame.toByteArray());
    }

    /**
     * Sends one whole frame without a mask, which RFC 6455 (section 5.1) forbids a client: for testing that the
     * server refuses it.
     *
     * @param fin     whether this is the last frame of its message
     * @param opcode  the opcode
     * @param payload the payload, sent as it is
     * @throws IOException if the connection fails
     */
    public void sendUnmaskedFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(14 + payload.length);
        frame.writeBytes(header(fin, opcode, payload.length, false));
        frame.writeBytes(payload);
        sendBytes(frame.toByteArray());
    }

    /**
     * Sends only the header of a masked frame (its mask key included) that announces a payload of any length,
     * up to 2<sup>63</sup>&minus;1 bytes: the start of a frame whose payload follows with {@link #sendBytes}, or
     * never. Lengths use the shortest encoding (7, 16 or 64 bits).
     *
     * @param fin           whether this is the last frame of its message
     * @param opcode        the opcode
     * @param payloadLength the announced payload length, 0 or more
     * @throws IOException if the connection fails
     */
    public void sendHeader(boolean fin, int opcode, long payloadLength) throws IOException {
        sendBytes(header(fin, opcode, payloadLength, true));
    }

    /**
     * Sends bytes as they are: the rest of a payload announced by {@link #sendHeader} (the server applies the
     * mask to them; their content does not matter to a test of sizes), or a hand-made header.
     *
     * @param bytes the bytes
     * @throws IOException if the connection fails
     */
    public void sendBytes(byte[] bytes) throws IOException {
        out().write(bytes);
        out().flush();
    }

    /**
     * Reads the next frame the server sent (server frames are never masked; a masked one is read all the same and
     * reported as such).
     *
     * @return the frame
     * @throws java.io.EOFException if the server closed the TCP connection before a whole frame
     * @throws java.net.SocketTimeoutException if no whole frame arrives within 5 s
     * @throws IOException if the connection fails
     */
    public Frame readFrame() throws IOException {
        DataInputStream in = new DataInputStream(in());
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("a frame of " + length + " bytes: not from a server under test");
        }
        boolean masked = (second & 0x80) != 0;
        byte[] mask = masked ? in.readNBytes(4) : null;
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((first & 0x80) != 0, first & 0x0F, payload, masked);
    }

    /**
     * Reads frames up to the server's close frame, skipping the others (a {@code connected} message, pings).
     *
     * @return the close frame
     * @throws AssertionError if the server closes the TCP connection without a close frame, or sends none within
     *                        5 s of the last frame (for example because it is still waiting for a payload)
     * @throws IOException    if the connection fails
     */
    public Frame awaitClose() throws IOException {
        List<String> skipped = new ArrayList<>();
        while (true) {
            Frame frame;
            try {
                frame = readFrame();
            } catch (java.io.EOFException e) {
                throw new AssertionError("the server closed the TCP connection without a close frame; before it: "
                        + skipped, e);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no close frame from the server within " + TIMEOUT_MILLIS
                        + " ms; before it: " + skipped, e);
            }
            if (frame.opcode() == CLOSE) {
                return frame;
            }
            skipped.add(frame.toString());
        }
    }

    /**
     * Whether the server has closed its side of the TCP connection: the next read finds the end of the stream.
     * Call it after {@link #awaitClose}. It consumes a byte if one comes instead.
     *
     * @return true if the stream ended within 5 s
     * @throws IOException if the connection fails
     */
    public boolean serverClosedConnection() throws IOException {
        try {
            return in().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) { // a reset ends the stream too, less politely
            return true;
        }
    }

    private static byte[] header(boolean fin, int opcode, long payloadLength, boolean masked) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("a payload length is 0 to 2^63-1, got " + payloadLength);
        }
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) ((fin ? 0x80 : 0) | (opcode & 0x0F)));
        int maskBit = masked ? 0x80 : 0;
        if (payloadLength < 126) {
            header.put((byte) (maskBit | payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            header.put((byte) (maskBit | 126)).putShort((short) payloadLength);
        } else {
            header.put((byte) (maskBit | 127)).putLong(payloadLength);
        }
        if (masked) {
            header.put(MASK);
        }
        return Arrays.copyOf(header.array(), header.position());
    }

    /**
     * A frame from the server.
     *
     * @param fin     whether it is the last frame of its message
     * @param opcode  its opcode
     * @param payload its payload, unmasked
     * @param masked  whether it came masked (a server must not mask)
     */
    public record Frame(boolean fin, int opcode, byte[] payload, boolean masked) {

        /**
         * The close code of a close frame.
         *
         * @return the code, or -1 if the frame carries none
         */
        public int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        /**
         * The reason of a close frame.
         *
         * @return the UTF-8 text after the code, or an empty string
         */
        public String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        /**
         * The payload as UTF-8 text.
         *
         * @return the text
         */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String shown = opcode == CLOSE ? closeCode() + " " + closeReason()
                    : payload.length + " bytes";
            return "Frame[fin=" + fin + ", opcode=" + opcode + ", " + shown + (masked ? ", masked" : "") + "]";
        }
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
