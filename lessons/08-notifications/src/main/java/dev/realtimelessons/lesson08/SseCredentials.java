package dev.realtimelessons.lesson08;

import java.time.Duration;
import java.util.Optional;

import org.glassfish.grizzly.http.server.Request;

import dev.realtimelessons.kit.TodoException;
import dev.realtimelessons.lesson04.Authenticated;

/**
 * Where an event stream's token comes from. A browser's {@code EventSource} cannot set a header, so a page either
 * puts the token in the URL ({@code ?token=}: simple, but URLs end up in logs, in the history and in
 * {@code Referer}) or lets the server set it as a cookie once ({@code POST /sse/session}), which the browser then
 * sends by itself with every request to {@code /sse}, automatic reconnects included, and which no script can read.
 */
public final class SseCredentials {

    /** The cookie's name. */
    public static final String COOKIE = "sse_token";
    /** The only path the browser sends the cookie to. */
    public static final String COOKIE_PATH = "/sse";

    private SseCredentials() {
    }

    /**
     * A token and how it came.
     *
     * @param token the token, never logged
     * @param via   where it was found
     */
    public record Credential(String token, Authenticated.Via via) {
        @Override
        public String toString() {
            return "Credential[via=" + via + "]"; // never the token
        }
    }

    /**
     * Step 5: the token of a stream request. In this order, the first that is present wins:
     * <ol>
     *   <li>{@code Authorization: Bearer <token>} (Java clients, curl): {@link Authenticated.Via#BEARER_HEADER};
     *       a header that is not {@code Bearer <token>} counts as present, with an empty token, so that it is
     *       refused rather than passed over;</li>
     *   <li>the {@value #COOKIE} cookie (browsers, after {@code POST /sse/session}): {@link Authenticated.Via#COOKIE};</li>
     *   <li>the {@code token} query parameter: {@link Authenticated.Via#QUERY_TOKEN}.</li>
     * </ol>
     *
     * @param request the request
     * @return the credential, or empty if the request has none
     */
    public static Optional<Credential> credential(Request request) {
        throw new TodoException("Step 5: take the token from Authorization: Bearer, else the sse_token cookie, else "
                + "?token=, saying which (see README, step 5)");
    }

    /**
     * Step 5: the {@code Set-Cookie} value that gives a browser its stream token: name and value, then
     * {@code Path=/sse} (sent to the stream only, never to the rest of the site), {@code Max-Age} in whole seconds
     * (no longer than the token lives), {@code HttpOnly} (no script can read it, so a cross-site scripting bug cannot
     * steal it), {@code SameSite=Strict} (another site cannot make the browser send it), and {@code Secure} when the
     * page is served over HTTPS (never sent in clear).
     *
     * @param token  the token
     * @param maxAge how long the browser keeps it; {@code Duration.ZERO} deletes it
     * @param secure whether to add {@code Secure}
     * @return for example {@code sse_token=eyJ…; Path=/sse; Max-Age=900; HttpOnly; SameSite=Strict}
     */
    public static String sessionCookie(String token, Duration maxAge, boolean secure) {
        throw new TodoException("Step 5: sse_token=<token>; Path=/sse; Max-Age=<seconds>; HttpOnly; SameSite=Strict, "
                + "and ; Secure over HTTPS (see README, step 5)");
    }
}
