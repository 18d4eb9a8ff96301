package dev.realtimelessons.lesson03;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.realtimelessons.lesson02.Connection;
import dev.realtimelessons.lesson02.Dispatcher;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * A gate in front of the dispatcher: every frame takes a token from its connection's {@link TokenBucket}. A frame
 * that finds none is refused with {@code rate_limited}; a client that keeps sending while refused is closed with
 * 1008, after the answers it is owed: its last {@code rate_limited} and everything queued before it.
 */
public final class FloodControl implements Dispatcher.Gate {

    /** Close code for a flooding client. */
    public static final int FLOODING = 1008;

    private final RoomsConfig config;
    private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();

    /** One connection's bucket and how many of its frames were refused in a row. */
    private static final class Allowance {
        final TokenBucket bucket;
        int refusedInARow;

        Allowance(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    /**
     * Creates the gate.
     *
     * @param config the bucket's size and rate, and when to close
     */
    public FloodControl(RoomsConfig config) {
        this.config = config;
    }

    @Override
    public void admit(Connection from, String text) throws ProtocolError {
        Allowance allowance = allowances.computeIfAbsent(from.id(),
                id -> new Allowance(new TokenBucket(config.burst(), config.perSecond(), System::nanoTime)));
        int refused;
        synchronized (allowance) {
            if (allowance.bucket.tryTake()) {
                allowance.refusedInARow = 0;
                return;
            }
            refused = ++allowance.refusedInARow;
        }
        ProtocolError refusal = new ProtocolError(ErrorCode.RATE_LIMITED, "too many messages: at most "
                + config.burst() + " at once and " + config.perSecond() + " per second");
        if (refused >= config.floodCloseAfter()) { // after this error and every answer queued before it
            refusal.thenClose(FLOODING, "flooding: " + refused + " messages refused in a row");
        }
        throw refusal;
    }

    /**
     * Forgets a connection that closed.
     *
     * @param connection the connection
     */
    public void forget(Connection connection) {
        allowances.remove(connection.id());
    }
}
