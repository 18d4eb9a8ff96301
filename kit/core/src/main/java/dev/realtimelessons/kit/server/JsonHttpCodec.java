package dev.realtimelessons.kit.server;

import java.io.IOException;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpCodecFilter;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;

import dev.realtimelessons.kit.http.JsonResponses;

/**
 * Grizzly's HTTP/1.1 codec (its {@code org.glassfish.grizzly.http.HttpServerFilter}), whose own answers to requests
 * it cannot parse carry the course's JSON error instead of an empty body.
 *
 * <p>Grizzly answers these before any filter or handler of ours runs, and closes the connection:
 * <ul>
 *   <li>a request head (request line and headers) past the listener's {@code maxHttpHeaderSize}, or with more
 *       headers than {@code maxRequestHeaders}: Grizzly says {@code 400}; this codec says
 *       {@code 431 Request Header Fields Too Large} with {@code request_header_too_large};</li>
 *   <li>any other request it cannot parse (a {@code Content-Length} that is not a number, a method that must not
 *       have a body with one): {@code 400} with {@code bad_request};</li>
 *   <li>an HTTP version it does not speak: {@code 505} with {@code http_version_not_supported}.</li>
 * </ul>
 * Grizzly stops reading a head at its limit, so the limit also bounds the memory one request can take before it
 * is refused.
 *
 * <p>{@link #addOn} swaps it in for the codec {@code HttpServer} builds, with the same settings.
 */
final class JsonHttpCodec extends HttpServerFilter {

    private static final System.Logger LOG = System.getLogger(JsonHttpCodec.class.getName());
    private static final int REQUEST_HEADER_FIELDS_TOO_LARGE = 431;

    private final int maxHeadBytes;
    private final int maxHeaders;

    private JsonHttpCodec(HttpServerFilter original, NetworkListener listener, int maxHeadBytes) {
        // As HttpServer.configureListener builds it: no default content type, no delayed executor
        super(listener.isChunkingEnabled(), maxHeadBytes, null, listener.getKeepAlive(), null,
                listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
        this.maxHeadBytes = maxHeadBytes;
        this.maxHeaders = listener.getMaxRequestHeaders();
        for (var encoding : original.getContentEncodings()) {
            addContentEncoding(encoding);
        }
        setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
        setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
        setRemoveHandledContentEncodingHeaders(original.isRemoveHandledContentEncodingHeaders());
        getMonitoringConfig().addProbes(original.getMonitoringConfig().getProbes());
    }

    /**
     * Replaces the listener's codec with this one.
     *
     * @param maxHeadBytes the largest request head, as set on the listener
     * @return the add-on to register on the listener
     */
    static AddOn addOn(int maxHeadBytes) {
        return (listener, chain) -> {
            int index = chain.indexOfType(HttpServerFilter.class);
            chain.set(index, new JsonHttpCodec((HttpServerFilter) chain.get(index), listener, maxHeadBytes));
        };
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable failure) throws IOException {
        if (header instanceof HttpRequestPacket request && tooLarge(header, ctx, failure)) {
            // Grizzly's answer keeps a status of 400 or more as it is
            request.getResponse().setStatus(REQUEST_HEADER_FIELDS_TOO_LARGE);
            request.getResponse().setReasonPhrase(Refusal.reasonPhrase(REQUEST_HEADER_FIELDS_TOO_LARGE));
        }
        LOG.log(System.Logger.Level.DEBUG, "refused a request Grizzly could not read: {0}", failure.toString());
        super.onHttpHeaderError(header, ctx, failure);
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        byte[] body = switch (response.getStatus()) {
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> JsonResponses.errorBody("request_header_too_large",
                    "the request line and headers must fit in " + maxHeadBytes + " bytes, with at most "
                            + maxHeaders + " headers");
            case 505 -> JsonResponses.errorBody("http_version_not_supported", "use HTTP/1.1");
            default -> JsonResponses.errorBody("bad_request", "the request is not valid HTTP/1.1");
        };
        // Set through setContentType, Content-Type was left out of an answer written below the handlers (Grizzly
        // 4.0.2, measured); a raw header is written as it is
        response.getHeaders().addValue(Header.ContentType).setString("application/json;charset=utf-8");
        response.setContentLength(body.length);
        Buffer content = Buffers.wrap(response.getRequest().getConnection().getMemoryManager(), body);
        return HttpContent.builder(response).content(content).last(true).build();
    }

    /**
     * Whether parsing failed at a limit: too many headers, or the head reached its size limit without ending, which
     * is the condition under which Grizzly's {@code HeaderParsingState.checkOverflow} throws.
     */
    private static boolean tooLarge(HttpHeader header, FilterChainContext ctx, Throwable failure) {
        if (failure instanceof MimeHeaders.MaxHeaderCountExceededException) {
            return true;
        }
        if (!(header instanceof HttpPacketParsing parsing) || !(ctx.getMessage() instanceof Buffer input)) {
            return false;
        }
        HttpCodecFilter.HeaderParsingState state = parsing.getHeaderParsingState();
        boolean stillInHead = state.state < 2; // 0: the request line, 1: the headers, 2: the head was read
        return stillInHead && input.limit() >= state.packetLimit;
    }
}
