package dev.realtimelessons.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One subscriber of the load generator: a WebSocket client written for cheapness, so that the client is rarely
 * the limit. It does the handshake by hand, reads the server's frames from its own buffer, finds a room message's
 * send time with a byte search for {@code "sent":} (only room messages carry it) instead of a JSON parser, answers
 * pings, and sends nothing but its join. Used by one selector thread only; not thread-safe.
 */
final class Connection {

    private static final byte[] SENT = "\"sent\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    final SocketChannel channel;
    private final String path;
    private final String host;
    private final String room;
    private final Clients owner;
    private ByteBuffer in = ByteBuffer.allocate(4_096);
    private boolean upgraded;
    private boolean seen;

    /**
     * @param channel the connecting channel
     * @param host    the {@code Host} header
     * @param path    the request target, {@code /ws?user=...}
     * @param room    the room to join once upgraded, or null to stay idle
     * @param owner   what counts deliveries and records latencies
     */
    Connection(SocketChannel channel, String host, String path, String room, Clients owner) {
        this.channel = channel;
        this.host = host;
        this.path = path;
        this.room = room;
        this.owner = owner;
    }

    /** Sends the upgrade request, once connected. */
    void connected() throws IOException {
        writeFully(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Reads what has arrived and handles every whole frame in it.
     *
     * @return false when the server closed the connection
     */
    boolean readable() throws IOException {
        if (!in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
        }
        int read = channel.read(in);
        if (read < 0) {
            return false;
        }
        in.flip();
        try {
            if (!upgraded && !handshake()) {
                return true;
            }
            return frames();
        } finally {
            in.compact();
        }
    }

    private boolean handshake() throws IOException {
        int end = indexOf(in, HEAD_END, in.position(), in.limit());
        if (end < 0) {
            return false;
        }
        String head = StandardCharsets.US_ASCII.decode(in.slice(in.position(), end - in.position())).toString();
        in.position(end + HEAD_END.length);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade of " + path + " refused: " + head.lines().findFirst().orElse(head));
        }
        upgraded = true;
        owner.opened();
        if (room != null) {
            sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
        }
        return true;
    }

    private boolean frames() throws IOException {
        while (in.remaining() >= 2) {
            int start = in.position();
            int opcode = in.get(start) & 0x0F;
            int length = in.get(start + 1) & 0x7F;
            int header = 2;
            if (length == 126) {
                if (in.remaining() < 4) {
                    return true;
                }
                length = in.getShort(start + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (in.remaining() < 10) {
                    return true;
                }
                length = Math.toIntExact(in.getLong(start + 2));
                header = 10;
            }
            if (in.remaining() < header + length) {
                return true; // the rest of the frame has not arrived
            }
            int payload = start + header;
            switch (opcode) {
                case 0x1, 0x0 -> message(payload, payload + length);
                case 0x9 -> control(0xA, payload, length);
                case 0x8 -> {
                    return false;
                }
                default -> {
                    // pong or binary: nothing to do
                }
            }
            in.position(payload + length);
        }
        return true;
    }

    private void message(int from, int to) {
        int at = indexOf(in, SENT, from, to);
        if (at < 0) {
            return;
        }
        long now = System.nanoTime();
        long sent = 0;
        boolean negative = false;
        int i = at + SENT.length;
        if (i < to && in.get(i) == '-') {
            negative = true;
            i++;
        }
        for (; i < to && in.get(i) >= '0' && in.get(i) <= '9'; i++) {
            sent = sent * 10 + (in.get(i) - '0');
        }
        owner.delivered(now - (negative ? -sent : sent), !seen);
        seen = true;
    }

    private void control(int opcode, int from, int length) throws IOException {
        byte[] data = new byte[length];
        in.get(from, data);
        frame(opcode, data);
    }

    private void sendText(String text) throws IOException {
        frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked frame, as RFC 6455 requires of a client. */
    private void frame(int opcode, byte[] data) throws IOException {
        if (data.length > 125) {
            throw new IOException("the load generator only sends short frames");
        }
        ByteBuffer out = ByteBuffer.allocate(6 + data.length);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.put((byte) (0x80 | opcode)).put((byte) (0x80 | data.length)).put(mask);
        for (int i = 0; i < data.length; i++) {
            out.put((byte) (data[i] ^ mask[i & 3]));
        }
        writeFully(out.flip());
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        // A few hundred bytes on a fresh loopback socket: the send buffer takes them at once; bounded all the same.
        for (int attempt = 0; buffer.hasRemaining() && attempt < 1_000; attempt++) {
            if (channel.write(buffer) == 0) {
                Thread.onSpinWait();
            }
        }
        if (buffer.hasRemaining()) {
            throw new IOException("the server does not read");
        }
    }

    private static int indexOf(ByteBuffer buffer, byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer.get(i + j) != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
