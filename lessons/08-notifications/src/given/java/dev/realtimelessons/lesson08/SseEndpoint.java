package dev.realtimelessons.lesson08;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import redis.clients.jedis.exceptions.JedisException;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson04.AuthFailure;
import dev.realtimelessons.lesson04.Authenticated;
import dev.realtimelessons.lesson04.TokenVerifier;

/**
 * {@code GET /sse}: a user's notifications, and the messages of the rooms they follow, as Server-Sent Events.
 *
 * <p>In order: the transport's switch (404 {@code transport_disabled}); the user, from a token (see
 * {@link SseCredentials}: 401 without one, or with a bad one; 403 for an API key, since a stream is a user's); where
 * the client is, from {@code Last-Event-ID} or else {@code ?last_event_id=} (400 if it is not an id this server
 * sends); the limits (503 or 429, with {@code Retry-After}). Then the stream opens: {@code retry:}, then what the
 * client missed, each event with its {@code id:}, then {@code ready}, then live events and a heartbeat comment.
 * A client whose cursor is older than what the inboxes keep gets {@code reload} first, never a silent gap.
 */
public final class SseEndpoint extends HttpHandler {

    private static final System.Logger LOG = System.getLogger(SseEndpoint.class.getName());

    private final NotificationsConfig config;
    private final TokenVerifier tokens;
    private final StreamLimits limits;
    private final LocalStreams streams;
    private final Inbox inbox;
    private final Executor writers;

    /**
     * @param config  the switches and the stream's timings
     * @param tokens  checks the tokens
     * @param limits  the stream limits
     * @param streams the streams of this server
     * @param inbox   the inboxes
     * @param writers the pool that writes the streams
     */
    public SseEndpoint(NotificationsConfig config, TokenVerifier tokens, StreamLimits limits, LocalStreams streams,
                       Inbox inbox, Executor writers) {
        this.config = config;
        this.tokens = tokens;
        this.limits = limits;
        this.streams = streams;
        this.inbox = inbox;
        this.writers = writers;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!config.sseEnabled()) {
            JsonResponses.error(response, 404, "transport_disabled", "this server has Server-Sent Events switched off"
                    + " (SSE_ENABLED=false); use the WebSocket at /ws");
            return;
        }
        if (request.getMethod() != Method.GET) {
            JsonResponses.methodNotAllowed(response, "GET");
            return;
        }
        Authenticated user;
        Optional<Cursor> from;
        try {
            user = authenticate(request);
            from = cursor(request);
        } catch (AuthFailure failure) {
            if (failure.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            JsonResponses.error(response, failure.status(), failure.code(), failure.getMessage());
            return;
        } catch (ProtocolError e) {
            JsonResponses.error(response, 400, e.code().wire(), e.getMessage());
            return;
        }
        StreamLimits.Slot slot;
        try {
            slot = limits.admit(user.user());
        } catch (Refused refused) {
            response.setHeader("Retry-After", Long.toString(refused.retryAfter().toSeconds()));
            JsonResponses.error(response, refused.status(), refused.code(), refused.getMessage());
            return;
        }
        open(user.user(), from, slot, response);
    }

    private Authenticated authenticate(Request request) throws AuthFailure {
        Optional<SseCredentials.Credential> credential = SseCredentials.credential(request);
        if (credential.isEmpty()) {
            if (request.getHeader("X-API-Key") != null) {
                throw new AuthFailure(403, "not_authorized", "an event stream is a user's: use a user's token, "
                        + "not an API key");
            }
            throw AuthFailure.unauthorized("missing_credentials", "send 'Authorization: Bearer <token>', the "
                    + SseCredentials.COOKIE + " cookie (POST /sse/session), or a token query parameter");
        }
        if (credential.get().token().isEmpty()) {
            throw AuthFailure.unauthorized("malformed_credentials", "Authorization must be 'Bearer <token>'");
        }
        return tokens.verify(credential.get().token(), credential.get().via());
    }

    private static Optional<Cursor> cursor(Request request) throws ProtocolError {
        String header = request.getHeader("Last-Event-ID");
        String text = header != null && !header.isBlank() ? header : request.getParameter("last_event_id");
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(Cursor.parse(text.trim()));
    }

    // tag::open[]
    private void open(String user, Optional<Cursor> from, StreamLimits.Slot slot, Response response)
            throws IOException {
        SseStream stream = new SseStream(user, response, writers);
        stream.onEnd(() -> {
            streams.remove(stream);
            slot.close();
        });
        try {
            streams.add(stream); // subscribed first: what is published from now on reaches the stream
        } catch (TimeoutException e) {
            slot.close();
            JsonResponses.error(response, 503, "unavailable", "cannot reach Redis; try again");
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no"); // nginx: do not buffer this response
        response.suspend(-1, TimeUnit.MILLISECONDS, new EmptyCompletionHandler<>() {
            @Override
            public void cancelled() {
                stream.gone(); // the client closed the connection
            }
        });
        stream.begin(SseFrames.retry(config.retry()));
        try { // then read what it missed: an entry published meanwhile comes twice, and Resume sends it once
            Cursor now = new Cursor(inbox.latest(user), inbox.latest(InboxKeys.EVERYONE));
            if (from.isEmpty()) {
                stream.start(now, List.of(), false);
                return;
            }
            Replay mine = inbox.after(user, InboxEntry.Source.USER, from.get().user());
            Replay everyone = inbox.after(InboxKeys.EVERYONE, InboxEntry.Source.ALL, from.get().all());
            if (mine.gap() || everyone.gap()) {
                stream.start(now, List.of(), true);
                return;
            }
            List<InboxEntry> missed = new ArrayList<>(mine.entries());
            everyone.entries().stream().filter(entry -> entry.isFor(user)).forEach(missed::add);
            missed.sort(Comparator.comparing(InboxEntry::id, StreamIds::compare)); // in time order, across inboxes
            stream.start(from.get(), missed, false);
        } catch (JedisException e) { // the client reconnects with the same Last-Event-ID and loses nothing
            LOG.log(System.Logger.Level.WARNING, "Redis unreachable: an event stream of {0} ended", user);
            stream.end();
        }
    }
    // end::open[]
}
