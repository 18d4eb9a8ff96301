package dev.realtimelessons.kit.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;

/**
 * The Grizzly filter, placed just before Tyrus's, that decides about every WebSocket upgrade request before Tyrus
 * sees it, in this order:
 * <ol>
 *   <li>the {@link ConnectionLimits} in total and per client address (cheap, and a flood from one address then
 *       costs the guard nothing): 503 {@code server_full}, 429 {@code too_many_connections_per_ip};</li>
 *   <li>the {@link HandshakeGuard}, if the server has one: its status, 401 with {@code WWW-Authenticate};</li>
 *   <li>the limit per user, the user coming from {@link HandshakeUser}: 429 {@code too_many_connections_per_user}.
 *   </li>
 * </ol>
 * A refused request is answered here ({@link Refusal}) and its connection closed, so Tyrus never sees it and no
 * session is opened. An admitted one holds a place ({@link ConnectionSlots.Slot}) until its TCP connection closes,
 * which Tyrus does when the session ends. The answer to an admitted request is watched on its way out: one other
 * than {@code 101} (Tyrus refusing the handshake, or an HTTP handler answering a path without an endpoint) gives
 * the place back at once and closes the connection once written, since Tyrus would otherwise leave it open and deaf.
 */
final class HandshakeFilter extends BaseFilter {

    private static final System.Logger LOG = System.getLogger(HandshakeFilter.class.getName());
    private static final Attribute<Upgrade> UPGRADE = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(HandshakeFilter.class.getName() + ".upgrade");

    private final HandshakeGuard guard;
    private final AcceptedHandshakes accepted;
    private final ConnectionSlots slots;
    private final HandshakeUser user;

    /**
     * @param guard    the guard, or null to admit every request within the limits
     * @param accepted where the guard's principals wait for the endpoint's configurator
     * @param slots    the places the limits allow
     * @param user     who a request counts against per user
     */
    HandshakeFilter(HandshakeGuard guard, AcceptedHandshakes accepted, ConnectionSlots slots, HandshakeUser user) {
        this.guard = guard;
        this.accepted = accepted;
        this.slots = slots;
        this.user = user;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        HttpContent content = ctx.getMessage();
        Connection<?> connection = ctx.getConnection();
        if (!(content.getHttpHeader() instanceof HttpRequestPacket request)
                || !"websocket".equalsIgnoreCase(request.getUpgrade())
                || UPGRADE.isSet(connection)) { // the rest of a request this filter let through: frames
            return ctx.getInvokeAction();
        }
        request.getHeaders().removeHeader(AcceptedHandshakes.HEADER); // only this filter may set it
        Handshake handshake = handshakeOf(request);
        ConnectionSlots.Slot slot = new ConnectionSlots.Slot();
        Admission admission = admit(handshake, slot);
        if (admission.refusal() != null) {
            slots.release(slot);
            LOG.log(System.Logger.Level.DEBUG, "upgrade of {0} from {1} refused: {2} {3}",
                    request.getRequestURI(), request.getRemoteAddress(), admission.refusal().status(),
                    admission.refusal().error());
            admission.refusal().send(ctx, request);
            content.recycle();
            return ctx.getStopAction();
        }
        UPGRADE.set(connection, new Upgrade(slot));
        connection.addCloseListener((closed, type) -> slots.release(slot)); // at once if it is closed already
        if (guard != null) {
            request.setQueryString(Query.without(request.getQueryString(), guard.secretParameters()));
            String handle = accepted.put(admission.principal());
            connection.addCloseListener((closed, type) -> accepted.forget(handle)); // if Tyrus refuses it later
            request.setHeader(AcceptedHandshakes.HEADER, handle);
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpResponsePacket response) {
            Upgrade upgrade = UPGRADE.get(ctx.getConnection());
            if (upgrade != null) {
                upgrade.answered(ctx, content, response);
            }
        }
        return ctx.getInvokeAction();
    }

    private Admission admit(Handshake handshake, ConnectionSlots.Slot slot) {
        Refusal full = slots.takeAddress(slot, handshake.remoteAddress());
        if (full != null) {
            return Admission.refused(full);
        }
        try {
            Object principal = null;
            if (guard != null) {
                HandshakeVerdict verdict = guard.check(handshake);
                if (verdict instanceof HandshakeVerdict.Rejected rejected) {
                    return Admission.refused(Refusal.of(rejected));
                }
                principal = ((HandshakeVerdict.Accepted) verdict).principal();
            }
            Refusal tooMany = slots.takeUser(slot, user.userOf(handshake, principal));
            return tooMany == null ? new Admission(principal, null) : Admission.refused(tooMany);
        } catch (RuntimeException bug) { // nothing gets through unchecked, or uncounted
            LOG.log(System.Logger.Level.WARNING, "checking a handshake failed", bug);
            return Admission.refused(Refusal.of(new HandshakeVerdict.Rejected(500, "server_error",
                    String.valueOf(bug.getMessage()))));
        }
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

    /** What {@link #admit} decided: the principal to pass on, or the refusal. */
    private record Admission(Object principal, Refusal refusal) {
        static Admission refused(Refusal refusal) {
            return new Admission(null, refusal);
        }
    }

    /** An admitted upgrade request, until its answer has gone out. */
    private final class Upgrade {
        private final ConnectionSlots.Slot slot;
        private volatile boolean answered;
        private volatile boolean failed;

        Upgrade(ConnectionSlots.Slot slot) {
            this.slot = slot;
        }

        /** Called for each part of the answer to the upgrade request, on its way out. */
        void answered(FilterChainContext ctx, HttpContent content, HttpResponsePacket response) {
            if (!answered) {
                answered = true;
                if (response.getStatus() == 101) {
                    return;
                }
                failed = true;
                slots.release(slot);
            }
            // An answer without a length that is not chunked ends when the connection does (RFC 9112, 6.3)
            boolean ends = content.isLast() || (!response.isChunked() && response.getContentLength() < 0);
            if (failed && ends) {
                closeAfterWrite(ctx);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"}) // Grizzly's transport context holds a raw completion handler
    private static void closeAfterWrite(FilterChainContext ctx) {
        FilterChainContext.TransportContext transport = ctx.getTransportContext();
        CompletionHandler then = transport.getCompletionHandler();
        Connection<?> connection = ctx.getConnection();
        transport.setCompletionHandler(new CompletionHandler<WriteResult>() {
            @Override
            public void cancelled() {
                if (then != null) {
                    then.cancelled();
                }
                connection.closeSilently();
            }

            @Override
            public void failed(Throwable failure) {
                if (then != null) {
                    then.failed(failure);
                }
                connection.closeSilently();
            }

            @Override
            public void completed(WriteResult result) {
                if (then != null) {
                    then.completed(result);
                }
                connection.closeSilently();
            }

            @Override
            public void updated(WriteResult result) {
                if (then != null) {
                    then.updated(result);
                }
            }
        });
    }
}
