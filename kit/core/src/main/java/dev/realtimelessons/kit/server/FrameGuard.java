package dev.realtimelessons.kit.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOConnection;

/**
 * Reads the header of every frame a client sends on an upgraded connection as its bytes arrive, and closes the
 * connection as soon as a header breaks a rule: before the payload it announces is buffered anywhere.
 *
 * <p><b>Why it exists.</b> Tyrus 2.2.2 reads a whole frame into memory before anything looks at its size: up to its
 * incoming buffer (4 MB by default; past it, it closes with 1011 "Buffer overflow."), and a header that announces
 * 2<sup>63</sup>&minus;1 bytes makes it wait for them. An endpoint's size check runs only once the frame is in
 * memory, so 50 connections each sending most of a 4 MB frame held about 2 GB of a lesson server. Tyrus also accepts
 * unmasked client frames, which RFC 6455 (section 5.1) forbids, and drops binary frames without a word when an
 * endpoint reads only text. This Grizzly filter, placed just before Tyrus's in {@link RealtimeServer}'s filter
 * chain, refuses each of these at its header:
 *
 * <table>
 *   <caption>What closes a connection, with the close frame's code</caption>
 *   <tr><th>code</th><th>when a frame's header</th></tr>
 *   <tr><td>1009</td><td>announces a payload over the limit, or takes a fragmented message's payload over it</td></tr>
 *   <tr><td>1003</td><td>opens a binary message: the course speaks JSON text only</td></tr>
 *   <tr><td>1002</td><td>is not masked; is a control frame (close, ping, pong) that is fragmented or announces over
 *       125 bytes; has a reserved opcode; continues no message, or starts a message inside another; announces a
 *       64-bit length with its top bit set</td></tr>
 * </table>
 *
 * <p><b>What it holds.</b> Per connection, a frame header's bytes (at most {@value #MAX_HEADER_BYTES}) and a few
 * counters. Payload bytes are counted as they pass to Tyrus, never copied or kept. Tyrus's own incoming buffer is
 * set to the limit plus {@value #MAX_HEADER_BYTES} bytes, which holds any frame the guard lets through; a read
 * larger than what Tyrus can still take (many small frames at once) is handed over in parts.
 *
 * <p><b>How it closes.</b> A close frame as RFC 6455 (section 5.5.1) has a server write it: unmasked, the code, a
 * reason of at most 123 bytes of UTF-8. Bytes before the refused frame in the same read still reach Tyrus first;
 * nothing from the refused frame on does. After the close frame the server's side of the TCP connection is shut
 * down, and what the client still sends is read and discarded until it closes, for at most {@link #LINGER_MILLIS}
 * ms: a connection closed with unread bytes would be reset, and a reset can cost the client the close frame.
 * Tyrus learns of the close when the TCP connection ends: the endpoint's {@code onClose} runs then, with 1006
 * (closed abnormally), not with the code the client read.
 *
 * <p><b>Threads.</b> Grizzly hands one connection's reads to one thread at a time, in order, so a connection's
 * state needs no lock.
 */
final class FrameGuard extends BaseFilter {

    /** The longest frame header: 2 bytes, a 64-bit length, a 4-byte mask key. */
    static final int MAX_HEADER_BYTES = 14;

    /** How long a refused connection is kept for its client to read the close frame. */
    static final long LINGER_MILLIS = 2_000;

    private static final System.Logger LOG = System.getLogger(FrameGuard.class.getName());
    private static final Attribute<Frames> FRAMES =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrameGuard.class.getName() + ".frames");

    private static final int CONTINUATION = 0x0;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private final int maxMessageBytes;

    /**
     * A guard for one server.
     *
     * @param maxMessageBytes the largest message payload accepted, in one frame or in several; at least 1
     */
    FrameGuard(int maxMessageBytes) {
        if (maxMessageBytes < 1 || maxMessageBytes > Integer.MAX_VALUE - MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be 1.." + (Integer.MAX_VALUE - MAX_HEADER_BYTES)
                    + ", got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The size to give Tyrus's incoming buffer: the largest frame this guard lets through.
     *
     * @return the limit plus the longest header
     */
    int tyrusBufferBytes() {
        return maxMessageBytes + MAX_HEADER_BYTES;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        HttpContent message = ctx.getMessage();
        Connection<?> connection = ctx.getConnection();
        Frames frames = FRAMES.get(connection);
        if (frames == null) {
            if (message.getHttpHeader() instanceof HttpRequestPacket request
                    && "websocket".equalsIgnoreCase(request.getUpgrade())) {
                // What follows the upgrade request is frames. Bytes sent along with the request itself are
                // dropped by Tyrus, so they are not frames to this guard either.
                FRAMES.set(connection, new Frames(maxMessageBytes));
            }
            return ctx.getInvokeAction();
        }
        if (frames.closing) { // refused: the rest is read only to be discarded
            message.recycle();
            return ctx.getStopAction();
        }
        if (frames.refusal != null) { // the bytes before the refused frame have reached Tyrus: now close
            refuse(ctx, frames);
            message.recycle();
            return ctx.getStopAction();
        }
        Buffer content = message.getContent();
        int from = content.position();
        int to = content.limit();
        int fits = tyrusBufferBytes() - frames.frameBytes; // what Tyrus can take now without overflowing
        int end = frames.scan(content, from, (int) Math.min(to, (long) from + fits));
        if (end == to) {
            return ctx.getInvokeAction();
        }
        if (end == from) { // refused at the read's first frame: nothing to hand over
            refuse(ctx, frames);
            message.recycle();
            return ctx.getStopAction();
        }
        // Tyrus gets [from, end) now; Grizzly runs this filter again on the rest as soon as Tyrus is done
        Buffer rest = content.split(end);
        return ctx.getInvokeAction(HttpContent.builder(message.getHttpHeader()).content(rest).build());
    }

    private static void refuse(FilterChainContext ctx, Frames frames) {
        frames.closing = true;
        Refusal refusal = frames.refusal;
        Connection<?> connection = ctx.getConnection();
        LOG.log(System.Logger.Level.DEBUG, "closing {0} with {1}: {2}", connection.getPeerAddress(), refusal.code(),
                refusal.reason());
        // The close, whatever happens to the close frame: a client that never reads must not keep its connection
        CompletableFuture.delayedExecutor(LINGER_MILLIS, TimeUnit.MILLISECONDS).execute(connection::closeSilently);
        ctx.write(Buffers.wrap(ctx.getMemoryManager(), closeFrame(refusal.code(), refusal.reason())),
                new EmptyCompletionHandler<WriteResult>() {
                    @Override
                    public void completed(WriteResult result) {
                        shutdownOutput(connection);
                    }

                    @Override
                    public void failed(Throwable failure) {
                        connection.closeSilently();
                    }
                });
    }

    /** Sends FIN after the close frame, so the client reads the close and then the end of the stream. */
    private static void shutdownOutput(Connection<?> connection) {
        if (connection instanceof NIOConnection nio && nio.getChannel() instanceof SocketChannel channel) {
            try {
                channel.shutdownOutput();
            } catch (IOException alreadyGone) {
                connection.closeSilently();
            }
        }
    }

    /**
     * A close frame from a server (RFC 6455, section 5.5.1): FIN and opcode 8, no mask, the length, the code, and
     * the reason cut to 123 bytes of UTF-8 at a character boundary.
     */
    static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, 123);
        while (length < text.length && (text[length] & 0xC0) == 0x80) { // do not cut a character in two
            length--;
        }
        return ByteBuffer.allocate(4 + length)
                .put((byte) 0x88).put((byte) (2 + length)).putShort((short) code).put(text, 0, length)
                .array();
    }

    /** Why a frame was refused: the close frame's code and reason. */
    record Refusal(int code, String reason) {
    }

    /** One connection's place in the stream of frames. Touched by one thread at a time (see the class). */
    static final class Frames {
        private final int maxMessageBytes;
        private final byte[] header = new byte[MAX_HEADER_BYTES];
        private int headerRead;      // bytes of the current header read so far; 0 between frames
        private int lengthEnd;       // where the current header's length field ends: 2, 4 or 10
        private long payloadLeft;    // payload bytes of the current frame still to come
        private int frameBytes;      // bytes of the current frame read so far, header included
        private long messageBytes;   // payload bytes of the fragmented message so far
        private boolean inMessage;   // a fragmented message has begun and not ended
        private Refusal refusal;     // why a frame was refused, once one was
        private boolean closing;     // the close frame is written: the rest is discarded

        Frames(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
        }

        /**
         * Follows the frames through bytes {@code [from, to)} of a buffer.
         *
         * @return {@code to}, or where the header of a refused frame starts in this range (then {@link #refusal}
         *         says why); bytes before it may pass
         */
        int scan(Buffer buffer, int from, int to) {
            int position = from;
            while (position < to) {
                if (payloadLeft > 0) { // count the payload through
                    int skipped = (int) Math.min(payloadLeft, to - position);
                    position += skipped;
                    payloadLeft -= skipped;
                    frameBytes += skipped;
                    if (payloadLeft == 0) {
                        frameBytes = 0;
                    }
                    continue;
                }
                header[headerRead++] = buffer.get(position++);
                frameBytes++;
                if (headerRead == 2) {
                    refusal = checkStart();
                } else if (headerRead == lengthEnd) {
                    refusal = checkLength();
                }
                if (refusal != null) {
                    return Math.max(from, position - headerRead);
                }
                if (headerRead == lengthEnd + 4) { // the mask key: the header is complete
                    headerRead = 0;
                    payloadLeft = payloadLength();
                    if (payloadLeft == 0) {
                        frameBytes = 0;
                    }
                }
            }
            return to;
        }

        /** The rules the first two bytes decide. */
        private Refusal checkStart() {
            boolean fin = (header[0] & 0x80) != 0;
            int opcode = header[0] & 0x0F;
            int lengthCode = header[1] & 0x7F;
            if ((header[1] & 0x80) == 0) {
                return new Refusal(1002, "client frames must be masked");
            }
            switch (opcode) {
                case CONTINUATION -> {
                    if (!inMessage) {
                        return new Refusal(1002, "a continuation frame with no message to continue");
                    }
                }
                case TEXT -> {
                    if (inMessage) {
                        return new Refusal(1002, "a new message began before the last one ended");
                    }
                }
                case BINARY -> {
                    return new Refusal(1003, "binary frames are not accepted");
                }
                case CLOSE, PING, PONG -> {
                    if (!fin) {
                        return new Refusal(1002, "a control frame must not be fragmented");
                    }
                    if (lengthCode > 125) {
                        return new Refusal(1002, "a control frame carries at most 125 bytes");
                    }
                }
                default -> {
                    return new Refusal(1002, "reserved opcode " + opcode);
                }
            }
            lengthEnd = lengthCode == 127 ? 10 : lengthCode == 126 ? 4 : 2;
            return lengthEnd == 2 ? checkLength() : null;
        }

        /** The rules the payload length decides, once its field is complete. */
        private Refusal checkLength() {
            long length = payloadLength();
            if (length < 0) {
                return new Refusal(1002, "a 64-bit payload length must not have its top bit set");
            }
            int opcode = header[0] & 0x0F;
            if (opcode != CONTINUATION && opcode != TEXT) {
                return null; // a control frame: at most 125 bytes, checked already
            }
            long before = opcode == CONTINUATION ? messageBytes : 0;
            if (length > maxMessageBytes - before) {
                return new Refusal(1009, "message too large: at most " + maxMessageBytes + " bytes");
            }
            boolean fin = (header[0] & 0x80) != 0;
            inMessage = !fin;
            messageBytes = fin ? 0 : before + length;
            return null;
        }

        private long payloadLength() {
            int lengthCode = header[1] & 0x7F;
            if (lengthCode < 126) {
                return lengthCode;
            }
            int end = lengthCode == 126 ? 4 : 10;
            long length = 0;
            for (int i = 2; i < end; i++) { // network byte order
                length = (length << 8) | (header[i] & 0xFF);
            }
            return length;
        }
    }
}
