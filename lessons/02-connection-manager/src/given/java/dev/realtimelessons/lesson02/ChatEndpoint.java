package dev.realtimelessons.lesson02;

import java.io.IOException;
import java.util.UUID;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import dev.realtimelessons.kit.server.HandshakeGuard;
import dev.realtimelessons.lesson02.protocol.Messages;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * {@code /ws?user=NAME}: one instance per connection. It registers the connection, answers {@code connected},
 * hands every text frame to the dispatcher, and cleans up exactly once however the connection ends: a close, a
 * dropped TCP connection, a failed send, or a client too slow to keep up.
 */
public final class ChatEndpoint extends Endpoint {

    /** Close code for a client whose outbound queue overflowed. */
    public static final int TOO_SLOW = CloseReason.CloseCodes.VIOLATED_POLICY.getCode();

    private static final System.Logger LOG = System.getLogger(ChatEndpoint.class.getName());

    private final ChatApp app;
    private Connection connection;
    private volatile boolean announced; // its onConnect listeners ran: its close is reported to onClose's

    /**
     * Creates the endpoint for one connection.
     *
     * @param app the application
     */
    public ChatEndpoint(ChatApp app) {
        this.app = app;
    }

    // tag::onOpen[]
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        String id = UUID.randomUUID().toString();
        String user;
        try {
            user = app.identifier().userOf(HandshakeGuard.principalOf(session), session.getRequestParameterMap(), id);
        } catch (ProtocolError e) {
            close(session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, e.getMessage()));
            return;
        }

        Connection opened = new Connection(id, user, session);
        opened.attach(new Outbox(app.config().outboxCapacity(),
                opened.closingInTurn((text, done) -> {
                    try {
                        session.getAsyncRemote().sendText(text, result -> {
                            if (result.isOK()) {
                                app.sent(opened);
                            }
                            done.accept(result.isOK() ? null : result.getException());
                        });
                    } catch (IllegalStateException closedMeanwhile) { // a send racing the close: a failed send
                        done.accept(closedMeanwhile);
                    }
                }),
                new Outbox.Listener() {
                    // Both run on the writers, never on the sender's thread: a broadcaster may hold a room's lock,
                    // and the clean-up of lesson 03 takes room locks too.
                    @Override
                    public void onOverflow() {
                        app.writers().execute(() -> {
                            leave();
                            opened.close(TOO_SLOW,
                                    "too slow: more than " + app.config().outboxCapacity() + " messages waiting");
                        });
                    }

                    @Override
                    public void onSendFailed(Throwable failure) {
                        LOG.log(System.Logger.Level.DEBUG, "send to {0} failed: {1}", id, failure.toString());
                        app.writers().execute(() -> leave());
                    }
                },
                app.writers()));
        connection = opened;
        try {
            app.connections().add(opened);
            opened.send(Messages.text(new Messages.Connected(id, user)));
            app.connected(opened);
            announced = true;
        } catch (RuntimeException bug) {
            ServerError.close(session, bug); // a half-open connection nobody can use helps nobody
            return;
        }
        session.addMessageHandler(PongMessage.class, pong -> app.active(opened));
        session.addMessageHandler(String.class, text -> { // within maxMessageBytes: the server closed larger ones
            app.active(opened);
            app.dispatcher().dispatch(opened, text);
        });
    }
    // end::onOpen[]

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (announced) {
            app.closed(connection, closeReason.getCloseCode().getCode());
        }
        leave();
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "error on {0}: {1}", session.getId(), failure.toString());
    }

    private void leave() {
        if (connection != null) {
            app.disconnected(connection); // runs once: the connection remembers
        }
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "close failed: {0}", e.toString());
        }
    }
}
