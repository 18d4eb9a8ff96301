package dev.realtimelessons.kit.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.tyrus.core.frame.Frame;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

/**
 * Tyrus's permessage-deflate (RFC 7692) with the server's message limit applied to what a client's message
 * inflates to, not only to the compressed bytes on the wire.
 *
 * <p><b>Why it exists.</b> {@link FrameGuard} reads frame headers, so it limits a compressed message by its size on
 * the wire. Tyrus's own extension (tyrus-extension-deflate 2.2.0, {@code PerMessageDeflateExtension.processIncoming})
 * inflates each frame whole into memory, with no limit, before anything sees its size, and Tyrus checks no size of
 * a whole text message after it. Deflate inflates up to about 1,000 times: a 64 KiB frame can become 64 MiB in
 * memory, then a string, then the endpoint's JSON parser's input. This class inflates at most the limit, and
 * closes the connection with 1009 the moment a message inflates past it (1007 for bytes that do not inflate).
 *
 * <p>Compressing is Tyrus's, unchanged: level 9, a 32 KiB window, and the compression context kept from one message
 * to the next in both directions (Tyrus negotiates no parameter: {@code server_no_context_takeover} and the window
 * bits a client asks for are not answered, and the handshake answer is {@code permessage-deflate} alone). So every
 * connection holds a {@code Deflater} and an {@code Inflater} (native zlib memory, not on the Java heap) from its
 * handshake to its close.
 *
 * <p><b>How it closes.</b> The frame that goes over the limit is replaced by a close frame with 1009, as if the
 * client had sent it: Tyrus answers with a close frame of that code, tells the endpoint ({@code onClose} with 1009)
 * and closes the connection. Frames after it are replaced the same way and change nothing.
 *
 * <p><b>Threads.</b> One instance serves every connection; a connection's state lives in its extension context,
 * which Tyrus touches from one thread at a time, in order.
 */
final class BoundedDeflate extends PerMessageDeflateExtension {

    private static final String STATE = BoundedDeflate.class.getName() + ".state";
    /** The empty stored block that ends a compressed message and is left off the wire (RFC 7692, 7.2.2). */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    private static final int CHUNK = 8 * 1024;
    private static final byte CLOSE = 0x08;
    private static final byte CONTINUATION = 0x00;

    private final int maxMessageBytes;

    /**
     * @param maxMessageBytes the most a client's message may inflate to, in bytes; at least 1
     */
    BoundedDeflate(int maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1, got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * A copy of an endpoint's configuration that offers permessage-deflate, everything else as it was.
     *
     * @param config          the endpoint's configuration
     * @param maxMessageBytes the most a client's message may inflate to
     * @return the copy
     */
    static ServerEndpointConfig offeredBy(ServerEndpointConfig config, int maxMessageBytes) {
        List<Extension> extensions = new ArrayList<>(config.getExtensions());
        extensions.add(new BoundedDeflate(maxMessageBytes));
        ServerEndpointConfig offered = ServerEndpointConfig.Builder.create(config.getEndpointClass(), config.getPath())
                .subprotocols(config.getSubprotocols())
                .extensions(extensions)
                .encoders(config.getEncoders())
                .decoders(config.getDecoders())
                .configurator(config.getConfigurator())
                .build();
        offered.getUserProperties().putAll(config.getUserProperties());
        return offered;
    }

    @Override
    public List<Parameter> onExtensionNegotiation(ExtensionContext context, List<Parameter> requestedParameters) {
        List<Parameter> answer = super.onExtensionNegotiation(context, requestedParameters); // Tyrus's Deflater
        context.getProperties().put(STATE, new Incoming());
        return answer;
    }

    @Override
    public Frame processIncoming(ExtensionContext context, Frame frame) {
        Incoming incoming = (Incoming) context.getProperties().get(STATE);
        if (incoming == null || frame.isControlFrame()) {
            return frame;
        }
        if (incoming.refusal != null) {
            return incoming.refusal;
        }
        if (frame.getOpcode() != CONTINUATION) {
            incoming.compressed = frame.isRsv1(); // RFC 7692, 6: only the first frame of a message says so
            incoming.inflated = 0;
        }
        if (!incoming.compressed) {
            return frame; // an uncompressed message: FrameGuard has limited it already
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(CHUNK, maxMessageBytes + 1));
        Integer code = incoming.inflate(frame.getPayloadData(), (int) frame.getPayloadLength(), out, maxMessageBytes);
        if (code == null && frame.isFin()) {
            code = incoming.inflate(TAIL, TAIL.length, out, maxMessageBytes);
        }
        if (code != null) {
            incoming.refusal = closeFrame(code, code == 1009 ? "message too large: at most " + maxMessageBytes
                    + " bytes" : "a compressed message did not inflate");
            return incoming.refusal;
        }
        return Frame.builder(frame).payloadData(out.toByteArray()).rsv1(false).build();
    }

    @Override
    public void destroy(ExtensionContext context) {
        super.destroy(context);
        Incoming incoming = (Incoming) context.getProperties().remove(STATE);
        if (incoming != null) {
            incoming.inflater.end();
        }
    }

    private static Frame closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.US_ASCII); // short and ASCII: under 123 bytes
        byte[] payload = ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
        return Frame.builder().fin(true).opcode(CLOSE).payloadData(payload).build();
    }

    /** One connection's inflating side: its own {@link Inflater}, the message so far, and a refusal once made. */
    private static final class Incoming {
        private final Inflater inflater = new Inflater(true); // raw deflate: no zlib header (RFC 7692, 7.2)
        private final byte[] chunk = new byte[CHUNK];
        private boolean compressed;  // whether the current message's first frame had RSV1 set
        private long inflated;       // bytes the current message inflated to so far
        private Frame refusal;       // the close frame every frame becomes once one was refused

        /**
         * Inflates bytes into {@code out}, stopping as soon as the message would pass the limit.
         *
         * @return null when done, 1009 over the limit, 1007 if the bytes are not deflate data
         */
        Integer inflate(byte[] input, int length, ByteArrayOutputStream out, int limit) {
            inflater.setInput(input, 0, length);
            try {
                // Bounded: a pass that produces bytes adds at least one to a count capped by the limit, and no
                // two passes in a row may produce nothing
                for (int idle = 0; idle < 2; ) {
                    int produced = inflater.inflate(chunk);
                    if (produced == 0) {
                        if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
                            return null;
                        }
                        idle++; // input left and nothing out: one more pass, then it is not deflate data
                        continue;
                    }
                    idle = 0;
                    inflated += produced;
                    if (inflated > limit) {
                        return 1009;
                    }
                    out.write(chunk, 0, produced);
                }
                return 1007;
            } catch (DataFormatException e) {
                return 1007;
            }
        }
    }
}
