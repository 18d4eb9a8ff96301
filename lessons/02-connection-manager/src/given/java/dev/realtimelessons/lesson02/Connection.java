package dev.realtimelessons.lesson02;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import dev.realtimelessons.kit.server.HandshakeGuard;

/**
 * One open WebSocket connection: who it is, and its {@link Outbox}, the only way anything is sent to it.
 */
public final class Connection {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final String id;
    private final String user;
    private final Session session;
    private final Instant openedAt = Instant.now();
    /**
     * Queued in the outbox in place of a message: when its turn comes, the connection closes. The outbox holds
     * text, so the marker is text too, and is told apart by identity: no message is this very object.
     */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String CLOSE_MARKER = new String("close after what is queued");

    private final AtomicBoolean gone = new AtomicBoolean();
    private final AtomicReference<CloseReason> closing = new AtomicReference<>();
    private Outbox outbox;

    /**
     * Creates the connection; {@link #attach} gives it its outbox.
     *
     * @param id      a unique id
     * @param user    who the client is
     * @param session the Tyrus session
     */
    public Connection(String id, String user, Session session) {
        this.id = id;
        this.user = user;
        this.session = session;
    }

    /**
     * Gives the connection the outbox every send goes through. Called once, before the connection is registered.
     *
     * @param outbox the outbox
     */
    public void attach(Outbox outbox) {
        this.outbox = outbox;
    }

    /** @return the connection's id */
    public String id() {
        return id;
    }

    /** @return the connection's user */
    public String user() {
        return user;
    }

    /**
     * What the handshake proved about the client (lesson 04: the verified token), or null when nothing was checked.
     *
     * @return the principal, or null
     */
    public Object principal() {
        return session == null ? null : HandshakeGuard.principalOf(session);
    }

    /** @return when it opened */
    public Instant openedAt() {
        return openedAt;
    }

    /** @return messages waiting to be sent */
    public int queued() {
        return outbox.queued();
    }

    /**
     * Queues a message; never blocks.
     *
     * @param message the message, serialized once by the caller
     * @return false if the connection refuses it (too slow, or dead)
     */
    public boolean send(String message) {
        if (gone.get() || closing.get() != null) { // closed, or closing: nothing more goes in after the close
            return false;
        }
        return outbox.offer(message);
    }

    /**
     * Closes the connection once every message queued before has been sent, so that the client gets the answers it
     * is owed (lesson 03: the {@code rate_limited} errors before a flood close). Messages offered afterwards are
     * refused. If the outbox refuses the close too (full, or dead), the connection closes at once.
     *
     * @param code   a close code, for example 1008
     * @param reason why, for the client (at most 123 bytes of UTF-8)
     */
    public void closeAfterQueued(int code, String reason) {
        CloseReason close = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
        if (closing.compareAndSet(null, close) && !outbox.offer(CLOSE_MARKER)) {
            close(code, reason);
        }
    }

    /**
     * Wraps the sender of this connection's outbox so that {@link #closeAfterQueued} can close it in its turn: the
     * marker it queues closes the session instead of being sent.
     *
     * @param toSession sends text on the session
     * @return the sender to give the outbox
     */
    public Outbox.Sender closingInTurn(Outbox.Sender toSession) {
        return (text, completion) -> {
            if (text == CLOSE_MARKER) { // identity, on purpose: see CLOSE_MARKER
                CloseReason close = closing.get();
                close(close.getCloseCode().getCode(), close.getReasonPhrase());
                completion.accept(null);
            } else {
                toSession.send(text, completion);
            }
        };
    }

    /**
     * Closes the connection with a code and a reason (at most 123 bytes of UTF-8).
     *
     * @param code   a close code, for example 1008
     * @param reason why, for the client
     */
    public void close(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException alreadyClosed) {
            LOG.log(System.Logger.Level.DEBUG, "close of {0} failed: {1}", id, alreadyClosed.toString());
        }
    }

    /**
     * Sends a WebSocket ping frame; the client's pong (browsers send one by themselves) proves it is alive.
     * A control frame may go between the frames of the outbox's messages, so this needs no queue.
     *
     * @param payload up to 125 bytes
     */
    public void ping(byte[] payload) {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(payload));
        } catch (IOException | IllegalStateException alreadyClosed) {
            LOG.log(System.Logger.Level.DEBUG, "ping of {0} failed: {1}", id, alreadyClosed.toString());
        }
    }

    /**
     * Marks the connection gone, so that its clean-up runs once however many ways it ends.
     *
     * @return true the first time only
     */
    boolean markGone() {
        return gone.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + user + "]";
    }
}
