package dev.realtimelessons.kit.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.memory.Buffers;

import dev.realtimelessons.kit.json.Json;

/**
 * The Grizzly filter, placed just before Tyrus's, that runs a {@link HandshakeGuard} on every WebSocket upgrade
 * request. A rejected request is answered here and its connection closed, so Tyrus never sees it.
 */
final class GuardFilter extends BaseFilter {

    private static final System.Logger LOG = System.getLogger(GuardFilter.class.getName());
    private static final String UPGRADED = GuardFilter.class.getName() + ".upgraded";

    private final HandshakeGuard guard;
    private final AcceptedHandshakes accepted;

    GuardFilter(HandshakeGuard guard, AcceptedHandshakes accepted) {
        this.guard = guard;
        this.accepted = accepted;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        HttpContent content = ctx.getMessage();
        Connection<?> connection = ctx.getConnection();
        if (!(content.getHttpHeader() instanceof HttpRequestPacket request)
                || !"websocket".equalsIgnoreCase(request.getUpgrade())
                || connection.getAttributes().getAttribute(UPGRADED) != null) { // frames of an accepted upgrade
            return ctx.getInvokeAction();
        }
        request.getHeaders().removeHeader(AcceptedHandshakes.HEADER); // only this filter may set it
        HandshakeVerdict verdict;
        try {
            verdict = guard.check(handshakeOf(request));
        } catch (RuntimeException bug) { // a guard that fails refuses: it never lets a request through unchecked
            LOG.log(System.Logger.Level.WARNING, "the handshake guard failed", bug);
            verdict = HandshakeVerdict.reject(500, "server_error", String.valueOf(bug.getMessage()));
        }
        if (verdict instanceof HandshakeVerdict.Accepted accept) {
            request.setQueryString(Query.without(request.getQueryString(), guard.secretParameters()));
            String handle = accepted.put(accept.principal());
            connection.addCloseListener((closed, type) -> accepted.forget(handle)); // if Tyrus refuses it later
            request.setHeader(AcceptedHandshakes.HEADER, handle);
            connection.getAttributes().setAttribute(UPGRADED, Boolean.TRUE);
            return ctx.getInvokeAction();
        }
        HandshakeVerdict.Rejected reject = (HandshakeVerdict.Rejected) verdict;
        LOG.log(System.Logger.Level.DEBUG, "upgrade of {0} from {1} refused: {2} {3}",
                request.getRequestURI(), request.getRemoteAddress(), reject.status(), reject.error());
        respond(ctx, request, reject);
        content.recycle();
        return ctx.getStopAction();
    }

    private static Handshake handshakeOf(HttpRequestPacket request) {
        Map<String, List<String>> query = Query.parse(request.getQueryString()); // Grizzly's parser logs values
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : request.getHeaders().names()) {
            List<String> values = new ArrayList<>();
            request.getHeaders().values(name).forEach(values::add);
            headers.put(name, values);
        }
        return new Handshake(request.getRequestURI(), query, headers, request.getRemoteAddress());
    }

    private static void respond(FilterChainContext ctx, HttpRequestPacket request, HandshakeVerdict.Rejected reject) {
        Map<String, String> error = new LinkedHashMap<>(); // the course's error body, fields in their usual order
        error.put("error", reject.error());
        error.put("message", reject.message());
        byte[] body = Json.write(error).getBytes(StandardCharsets.UTF_8);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(reject.status());
        // Set through setContentType or setHeader, Content-Type was left out of this answer (Grizzly 4.0.2,
        // measured); a raw header is written as it is
        response.getHeaders().addValue(Header.ContentType).setString("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.setHeader(Header.Connection, "close");
        if (reject.status() == 401) {
            response.setHeader(Header.WWWAuthenticate, "Bearer");
        }
        Buffer buffer = Buffers.wrap(ctx.getMemoryManager(), body);
        Connection<?> connection = ctx.getConnection();
        ctx.write(HttpContent.builder(response).content(buffer).last(true).build(),
                new EmptyCompletionHandler<WriteResult>() {
                    @Override
                    public void completed(WriteResult result) {
                        connection.closeSilently();
                    }

                    @Override
                    public void failed(Throwable failure) {
                        connection.closeSilently();
                    }
                });
    }
}
