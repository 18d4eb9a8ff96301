package dev.realtimelessons.kit.http;

import java.nio.charset.StandardCharsets;

import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The answers Grizzly writes by itself, as the course's error body {@code {"error": code, "message": text}}
 * instead of Grizzly's HTML page: a path no handler serves (404 {@code not_found}), a file missing from the static
 * files (404), a handler that threw (500 {@code server_error}, without the stack trace that Grizzly's page shows).
 *
 * <p>One generator covers all three, where a catch-all handler would cover only the first: a static-file handler
 * mapped at {@code /} already catches every path, and answers a missing file through the generator.
 */
public final class JsonErrorPages implements ErrorPageGenerator {

    private static final int MAX_PATH_IN_MESSAGE = 100;

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description,
                           Throwable exception) {
        // Grizzly writes what this returns with the response's writer, as text/html unless a type is already set:
        // set ours first, and UTF-8 before the writer exists.
        Response response = request.getResponse();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        return new String(JsonResponses.errorBody(code(status), message(status, reasonPhrase, request)),
                StandardCharsets.UTF_8);
    }

    /**
     * The course's error code for a status that Grizzly answers by itself.
     *
     * @param status the HTTP status
     * @return for example {@code not_found}
     */
    static String code(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "message_too_large";
            default -> status >= 500 ? "server_error" : "bad_request";
        };
    }

    private static String message(int status, String reasonPhrase, Request request) {
        if (status == 404) {
            String path = request.getRequestURI();
            return "no such resource: " + (path.length() <= MAX_PATH_IN_MESSAGE ? path
                    : path.substring(0, MAX_PATH_IN_MESSAGE) + "...");
        }
        if (status >= 500) {
            return "the server failed to answer; its log says why";
        }
        return reasonPhrase;
    }
}
