package dev.realtimelessons.lesson05.client;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's hint of when to reconnect: a draining server (lesson 09) closes each connection with 1012 (service
 * restart) and the reason {@code reconnect after <n> ms}, having spread the {@code n}s so that its clients do not
 * all come back at the same moment. The {@link Reconnector} waits that long for the next attempt instead of the
 * backoff's delay; the {@link ReconnectPolicy} still decides whether to retry at all.
 */
final class ReconnectHint {

    /** The close code that carries a hint: RFC 6455's "service restart". */
    static final int SERVICE_RESTART = 1012;

    /** The most a hint may ask for: a hint is a server's word, and a mistaken one must not park a client. */
    static final Duration MAX = Duration.ofMinutes(2);

    private static final Pattern HINT = Pattern.compile("reconnect after (\\d{1,9}) ms");

    private ReconnectHint() {
    }

    /**
     * The hint a loss carries.
     *
     * @param loss how the connection ended
     * @return the delay, at most {@link #MAX}: only for a close with {@value #SERVICE_RESTART} whose reason holds
     *         {@code reconnect after <n> ms}; empty otherwise
     */
    static Optional<Duration> of(Disconnect loss) {
        if (loss.kind() != Disconnect.Kind.CLOSED || loss.code() != SERVICE_RESTART) {
            return Optional.empty();
        }
        Matcher matcher = HINT.matcher(loss.reason());
        if (!matcher.find()) {
            return Optional.empty();
        }
        Duration hint = Duration.ofMillis(Long.parseLong(matcher.group(1)));
        return Optional.of(hint.compareTo(MAX) > 0 ? MAX : hint);
    }
}
