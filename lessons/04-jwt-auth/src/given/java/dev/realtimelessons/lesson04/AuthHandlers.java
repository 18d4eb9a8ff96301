package dev.realtimelessons.lesson04;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import dev.realtimelessons.lesson02.ChatApp;
import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.Identifier;
import dev.realtimelessons.lesson02.Identity;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.ServerMessage;
import dev.realtimelessons.lesson03.RoomRequest;

/**
 * What authentication adds to the chat once a connection is open: its user comes from the verified token; it is
 * closed with 4001 when the token expires unless a {@code refresh} brought a fresh one; {@code logout} closes every
 * connection of the user with 4002; and {@code join} of a {@code private:} room needs a claim.
 */
public final class AuthHandlers {

    /** Close code for a connection whose token expired. */
    public static final int TOKEN_EXPIRED = 4001;
    /** Close code for the connections of a user who logged out. */
    public static final int LOGGED_OUT = 4002;

    /**
     * The user of a connection: the one the handshake verified, or, when authentication is off and the handshake
     * proved nothing, lesson 02's {@code ?user=}.
     */
    public static final Identifier IDENTIFIER = (principal, parameters, id) -> principal instanceof Authenticated who
            ? who.user() : Identity.userOf(parameters, id);

    private final ChatApp app;
    private final TokenVerifier tokens;
    private final Map<String, Authenticated> current = new ConcurrentHashMap<>();
    private final ExpiryWatch expiry;
    private final Duration clockSkew;
    private final List<Consumer<String>> logoutListeners = new CopyOnWriteArrayList<>();

    private AuthHandlers(ChatApp app, TokenVerifier tokens, Duration clockSkew, ScheduledExecutorService scheduler,
                         Clock clock) {
        this.app = app;
        this.tokens = tokens;
        this.clockSkew = clockSkew;
        this.expiry = new ExpiryWatch(scheduler, clock,
                connection -> app.drop(connection, TOKEN_EXPIRED, "token expired"));
    }

    /**
     * Installs the handlers on an application, which must identify users with {@link #IDENTIFIER}.
     *
     * @param app    the application
     * @param tokens checks refreshed tokens
     * @param clockSkew how long after {@code exp} a token is still accepted, at the handshake as here
     * @param scheduler runs the expiries
     * @param clock  the time tokens expire by
     * @return the handlers
     */
    // tag::install[]
    public static AuthHandlers install(ChatApp app, TokenVerifier tokens, Duration clockSkew,
                                       ScheduledExecutorService scheduler, Clock clock) {
        AuthHandlers handlers = new AuthHandlers(app, tokens, clockSkew, scheduler, clock);
        app.onConnect(connection -> {
            if (connection.principal() instanceof Authenticated who) {
                handlers.current.put(connection.id(), who);
                handlers.expiry.watch(connection, handlers.deadline(who));
            }
        });
        app.onDisconnect(connection -> {
            handlers.current.remove(connection.id());
            handlers.expiry.forget(connection);
        });
        app.dispatcher()
                .on("refresh", AuthRequest.Refresh.class, handlers::refresh)
                .on("logout", AuthRequest.Logout.class, (from, request) -> {
                    handlers.logout(from.user());
                    return null;
                })
                .before("join", handlers::mayJoin);
        return handlers;
    }
    // end::install[]

    /**
     * Logs a user out: closes every connection of the user on this server with 4002, then tells the
     * {@link #onLogout} listeners (lesson 06: the other servers of the cluster).
     *
     * @param user the user
     * @return how many connections were closed on this server
     */
    public int logout(String user) {
        int closed = logoutHere(user);
        logoutListeners.forEach(listener -> listener.accept(user));
        return closed;
    }

    /**
     * Adds work to run after every {@link #logout}, for example telling the other servers of a cluster.
     *
     * @param listener gets the user
     */
    public void onLogout(Consumer<String> listener) {
        logoutListeners.add(listener);
    }

    /**
     * Closes every connection of a user on this server with 4002, and tells nobody: for a logout that another
     * server announced.
     *
     * @param user the user
     * @return how many connections were closed
     */
    public int logoutHere(String user) {
        int closed = 0;
        for (Connection connection : app.connections().connections()) {
            if (connection.user().equals(user)) {
                app.drop(connection, LOGGED_OUT, "logged out");
                closed++;
            }
        }
        return closed;
    }

    /** @return the expiry watch */
    public ExpiryWatch expiry() {
        return expiry;
    }

    // tag::refresh[]
    private ServerMessage refresh(Connection from, AuthRequest.Refresh request) throws ProtocolError {
        Authenticated now = current.get(from.id());
        if (now == null) {
            throw new ProtocolError(ErrorCode.NOT_AUTHORIZED, "this connection did not authenticate");
        }
        if (now.via() == Authenticated.Via.API_KEY) { // an API key does not expire: a token must not add an expiry
            throw new ProtocolError(ErrorCode.NOT_AUTHORIZED, "this connection has no token to refresh");
        }
        Authenticated fresh;
        try {
            String token = request.token();
            CredentialSize.check(token);
            fresh = tokens.verify(token, now.via());
        } catch (AuthFailure failure) { // the connection keeps its old token, and its old expiry
            throw new ProtocolError(ErrorCode.INVALID_TOKEN, failure.code() + ": " + failure.getMessage());
        }
        if (!fresh.user().equals(now.user())) {
            throw new ProtocolError(ErrorCode.NOT_AUTHORIZED, "a refresh must be for the same user");
        }
        if (!current.replace(from.id(), now, fresh)) {
            throw new ProtocolError(ErrorCode.NOT_AUTHORIZED, "this connection is closing");
        }
        expiry.watch(from, deadline(fresh));
        if (current.get(from.id()) != fresh) { // a disconnect (remove, then forget) ran meanwhile: forget this watch
            expiry.forget(from);
        }
        return new Refreshed(fresh.expiresAt().getEpochSecond());
    }
    // end::refresh[]

    /** When a connection must end: the token's {@code exp}, plus the skew the handshake tolerated. */
    private Instant deadline(Authenticated who) {
        return who.expiresAt() == null ? null : who.expiresAt().plus(clockSkew);
    }

    /**
     * Claims are checked when they are used: a refresh that drops a room from the claim takes effect at the next
     * {@code join}. To take access away at once, log the user out.
     */
    private void mayJoin(Connection from, RoomRequest.Join request) throws ProtocolError {
        String room = request.room();
        if (!RoomPolicy.mayJoin(current.get(from.id()), room)) {
            throw new ProtocolError(ErrorCode.NOT_AUTHORIZED, "room '" + room + "' needs a claim you do not have");
        }
    }
}
