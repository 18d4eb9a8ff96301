package dev.realtimelessons.lesson04;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.kit.server.Handshake;
import dev.realtimelessons.kit.server.Query;
import dev.realtimelessons.lesson02.Identity;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * Lesson 02's REST API ({@code /api/*}) behind a check: the caller needs an API key, or a token with the
 * {@code admin} role. No credentials or bad ones: 401; a valid token without the role: 403. It adds
 * {@code POST /api/logout/{user}}, which closes every connection of a user with 4002 (a password change, a
 * revoked account) and answers {@code {"closed": n}}; a user that breaks lesson 02's rule is a 400
 * {@code invalid_field}, as for {@code /api/notify/{user}}.
 */
public final class AdminApi extends HttpHandler {

    /** The request attribute that holds the {@link Authenticated} caller, for the API behind the check. */
    public static final String CALLER = AdminApi.class.getName() + ".caller";

    private final HttpHandler api;
    private final Authenticator authenticator;
    private final AuthHandlers auth;

    /**
     * @param api           the API to protect
     * @param authenticator decides who the caller is
     * @param auth          logs users out
     */
    public AdminApi(HttpHandler api, Authenticator authenticator, AuthHandlers auth) {
        this.api = api;
        this.authenticator = authenticator;
        this.auth = auth;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        Authenticated who;
        try {
            Handshake asHandshake = handshakeOf(request);
            CredentialSize.check(asHandshake);
            who = authenticator.authenticate(asHandshake);
        } catch (AuthFailure failure) {
            if (failure.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            JsonResponses.error(response, failure.status(), failure.code(), failure.getMessage());
            return;
        }
        if (who.via() != Authenticated.Via.API_KEY && !who.hasRole("admin")) {
            JsonResponses.error(response, 403, "not_authorized", "the admin API needs an API key or the admin role");
            return;
        }
        String path = request.getRequestURI();
        if (path.startsWith("/api/logout/")) {
            if (request.getMethod() != Method.POST) {
                JsonResponses.methodNotAllowed(response, "POST");
                return;
            }
            String user;
            try {
                user = Identity.validUser(path.substring("/api/logout/".length())); // as /api/notify/{user}
            } catch (ProtocolError e) {
                JsonResponses.error(response, 400, e.code().wire(), e.getMessage());
                return;
            }
            JsonResponses.send(response, 200, Map.of("closed", auth.logout(user)));
            return;
        }
        request.setAttribute(CALLER, who);
        api.service(request, response);
    }

    /**
     * An HTTP request as the {@link Authenticator} reads it (lesson 08's event streams are authenticated this way).
     *
     * @param request the request
     * @return its path, query parameters, headers and client address
     */
    public static Handshake handshakeOf(Request request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : request.getHeaderNames()) {
            List<String> values = new java.util.ArrayList<>();
            request.getHeaders(name).forEach(values::add);
            headers.put(name, values);
        }
        // The query only: Grizzly's getParameterMap() would also read a form-encoded body (what curl -d sends by
        // default), and the API behind this check would then find it empty.
        Map<String, List<String>> parameters = Query.parse(request.getQueryString());
        return new Handshake(request.getRequestURI(), Collections.unmodifiableMap(parameters), headers,
                request.getRemoteAddr());
    }
}
