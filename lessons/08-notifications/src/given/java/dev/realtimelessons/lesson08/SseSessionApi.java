package dev.realtimelessons.lesson08;

import java.time.Clock;
import java.time.Duration;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.lesson04.AuthFailure;
import dev.realtimelessons.lesson04.Authenticated;
import dev.realtimelessons.lesson04.TokenVerifier;

/**
 * {@code /sse/session}: a page turns its token into the stream's cookie, since an {@code EventSource} cannot send a
 * header. {@code POST} with {@code Authorization: Bearer <token>} answers 204 and sets the cookie for as long as the
 * token lives (see {@link SseCredentials#sessionCookie}); {@code DELETE} answers 204 and deletes it. Only the header
 * is read here: a cookie cannot make another cookie, and a token in a URL is what the cookie is for avoiding.
 */
public final class SseSessionApi extends HttpHandler {

    private final TokenVerifier tokens;
    private final Clock clock;

    /**
     * @param tokens checks the token
     * @param clock  the time, for the cookie's age
     */
    public SseSessionApi(TokenVerifier tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        boolean secure = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        if (request.getMethod() == Method.DELETE) {
            response.addHeader("Set-Cookie", SseCredentials.sessionCookie("", Duration.ZERO, secure));
            response.setStatus(204);
            return;
        }
        if (request.getMethod() != Method.POST) {
            JsonResponses.methodNotAllowed(response, "POST, DELETE");
            return;
        }
        String header = request.getHeader("Authorization");
        try {
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw AuthFailure.unauthorized("missing_credentials", "send 'Authorization: Bearer <token>'");
            }
            String token = header.substring(7).trim();
            Authenticated user = tokens.verify(token, Authenticated.Via.BEARER_HEADER);
            Duration left = Duration.between(clock.instant(), user.expiresAt());
            response.addHeader("Set-Cookie", SseCredentials.sessionCookie(token, left, secure));
            response.setStatus(204);
        } catch (AuthFailure failure) {
            if (failure.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            JsonResponses.error(response, failure.status(), failure.code(), failure.getMessage());
        }
    }
}
