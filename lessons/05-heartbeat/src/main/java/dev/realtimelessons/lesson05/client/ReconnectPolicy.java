package dev.realtimelessons.lesson05.client;

import java.util.Objects;

import dev.realtimelessons.kit.TodoException;

/**
 * Decides, each time a connection of a {@link RealtimeClient} is lost or an attempt to open one fails, whether to
 * try again and when. Waiting helps against an outage (a restart, a network change, an overloaded server), and
 * the {@link Backoff} spaces the attempts; it cannot help when the server has said "no" to this client, and
 * retrying then only repeats the refusal (or, after a logout, undoes it).
 *
 * <p>One instance belongs to one client, and is used on its thread only.
 */
final class ReconnectPolicy {

    /** Logged out (PROTOCOL.md): reconnecting would log the user back in. */
    static final int LOGGED_OUT = RealtimeClient.LOGGED_OUT;

    /** Policy violation (RFC 6455): a bad {@code user}, a client too slow to read, sustained flooding. */
    static final int POLICY_VIOLATION = 1008;

    private final Backoff backoff;

    /**
     * Creates the policy of one client.
     *
     * @param backoff the client's own backoff
     */
    ReconnectPolicy(Backoff backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * Step 4: what to do after a loss.
     *
     * <ul>
     *   <li><b>Stop</b> when the server refused this client, which a retry cannot change: a close with
     *       {@value #LOGGED_OUT} (logged out) or {@value #POLICY_VIOLATION} (policy violation), or a handshake
     *       refused with a 4xx status (401 or 403: the credentials), except 408 and 429, which ask to come back
     *       later. These use no attempt of the backoff.</li>
     *   <li><b>Retry</b> after the backoff's next delay for everything else: a failure without a code, a handshake
     *       refused with 5xx (a proxy whose server is down), and every other close code (1000, 1001 going away,
     *       1011, 1012, 4001 token expired, since the next attempt asks for fresh headers, 4008 heartbeat
     *       timeout).</li>
     *   <li><b>Stop</b> when the backoff is used up; the reason says how many attempts were made, and the last
     *       loss.</li>
     * </ul>
     *
     * @param loss how the connection ended, or the attempt failed
     * @return {@link Decision.Retry} with the delay, or {@link Decision.Stop} with a reason for a person
     */
    Decision afterLoss(Disconnect loss) {
        throw new TodoException("Step 4: stop for a refusal a retry cannot change (logout, policy, a 4xx handshake);"
                + " otherwise retry after the backoff's next delay, or stop once it is used up (see README, step 4)");
    }

    /** The connection is established: the next loss starts again from the backoff's first delay. */
    void connected() {
        backoff.reset();
    }
}
