package dev.realtimelessons.lesson05.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
    // tag::decide[]
    Decision afterLoss(Disconnect loss) {
        String refusal = switch (loss.kind()) {
            case CLOSED -> loss.code() == LOGGED_OUT ? "logged out by the server"
                    : loss.code() == POLICY_VIOLATION ? "closed by the server's policy" : null;
            case REFUSED -> loss.code() / 100 == 4 && loss.code() != 408 && loss.code() != 429
                    ? "the server refused this client" : null; // 408 and 429 ask to come back later
            case FAILED -> null; // no code, no verdict: an outage until proven otherwise
        };
        if (refusal != null) { // a retry would only repeat the refusal: stop, and use no attempt
            return new Decision.Stop(refusal + ": " + loss.reason());
        }
        Optional<Duration> delay = backoff.next();
        if (delay.isEmpty()) {
            return new Decision.Stop("gave up after " + backoff.attempts() + " attempts; the last: " + loss.reason());
        }
        return new Decision.Retry(delay.get());
    }
    // end::decide[]

    /** The connection is established: the next loss starts again from the backoff's first delay. */
    void connected() {
        backoff.reset();
    }
}
