package dev.realtimelessons.lesson01;

/**
 * The header of one WebSocket frame (RFC 6455, section 5.2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 * |     Extended payload length continued, if payload len == 127  |
 * + - - - - - - - - - - - - - - - +-------------------------------+
 * |                               |Masking-key, if MASK set to 1  |
 * +-------------------------------+-------------------------------+
 * </pre>
 *
 * @param fin           true on the last frame of a message
 * @param opcode        {@link #CONTINUATION}, {@link #TEXT}, {@link #BINARY}, {@link #CLOSE}, {@link #PING} or
 *                      {@link #PONG}
 * @param masked        true when a masking key follows (every client-to-server frame)
 * @param payloadLength the payload's length in bytes
 * @param maskingKey    the 4-byte masking key as a big-endian int, 0 when not masked
 * @param headerLength  the header's length in bytes: where the payload starts (2 to 14)
 */
public record FrameHeader(boolean fin, int opcode, boolean masked, long payloadLength, int maskingKey,
                          int headerLength) {

    /** Continues a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** A UTF-8 text frame. */
    public static final int TEXT = 0x1;
    /** A binary frame. */
    public static final int BINARY = 0x2;
    /** Closes the connection. */
    public static final int CLOSE = 0x8;
    /** Asks for a pong. */
    public static final int PING = 0x9;
    /** Answers a ping. */
    public static final int PONG = 0xA;

    /**
     * Step 5: decodes the header at the start of {@code bytes}.
     *
     * <p>The 7-bit length field means: 0-125, the length itself; 126, the length is the next 2 bytes; 127, the
     * next 8 bytes (whose most significant bit must be 0). Then, when MASK is set, 4 bytes of masking key.
     * Multi-byte numbers are big-endian (network order).
     *
     * @param bytes at least the whole header; the payload may follow
     * @return the header
     * @throws IllegalArgumentException if {@code bytes} is shorter than the header it starts ("need N bytes"), or
     *                                  a 64-bit length has its most significant bit set
     */
    // tag::decode[]
    public static FrameHeader decode(byte[] bytes) {
        requireLength(bytes, 2);
        boolean fin = (bytes[0] & 0x80) != 0;
        int opcode = bytes[0] & 0x0F;
        boolean masked = (bytes[1] & 0x80) != 0;
        int length7 = bytes[1] & 0x7F;

        // tag::length[]
        int offset = 2;
        long payloadLength = length7;
        if (length7 == 126) {
            requireLength(bytes, offset + 2);
            payloadLength = readBigEndian(bytes, offset, 2);
            offset += 2;
        } else if (length7 == 127) {
            requireLength(bytes, offset + 8);
            payloadLength = readBigEndian(bytes, offset, 8);
            if (payloadLength < 0) {
                throw new IllegalArgumentException("a 64-bit payload length must have its top bit clear");
            }
            offset += 8;
        }
        // end::length[]

        int maskingKey = 0;
        if (masked) {
            requireLength(bytes, offset + 4);
            maskingKey = (int) readBigEndian(bytes, offset, 4);
            offset += 4;
        }
        return new FrameHeader(fin, opcode, masked, payloadLength, maskingKey, offset);
    }

    private static long readBigEndian(byte[] bytes, int offset, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static void requireLength(byte[] bytes, int needed) {
        if (bytes.length < needed) {
            throw new IllegalArgumentException("need " + needed + " bytes for this header, got " + bytes.length);
        }
    }
    // end::decode[]
}
