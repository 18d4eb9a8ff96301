package dev.realtimelessons.kit.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.memory.Buffers;

import dev.realtimelessons.kit.http.JsonResponses;

/**
 * An HTTP answer that refuses an upgrade request: a status, the course's JSON error body, the headers that go with
 * the status, and {@code Connection: close}. {@link #send} writes it and closes the connection.
 *
 * @param status  the HTTP status, 4xx or 5xx
 * @param error   the code for programs
 * @param message the sentence for people
 * @param headers more headers, for example {@code WWW-Authenticate} or {@code Retry-After}
 */
record Refusal(int status, String error, String message, Map<String, String> headers) {

    /** Copies the headers. */
    Refusal {
        headers = Map.copyOf(headers);
    }

    /** A guard's rejection; a 401 says which scheme to use (RFC 9110, section 11.6.1). */
    static Refusal of(HandshakeVerdict.Rejected rejected) {
        return new Refusal(rejected.status(), rejected.error(), rejected.message(),
                rejected.status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of());
    }

    /** A refusal at a limit, which says when to try again. */
    static Refusal limited(int status, String error, String message, Duration retryAfter) {
        return new Refusal(status, error, message,
                Map.of("Retry-After", Long.toString(retryAfter.toSeconds())));
    }

    /** The reason phrase of a status Grizzly has none for, or null. */
    static String reasonPhrase(int status) {
        return switch (status) {
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            default -> null;
        };
    }

    /**
     * Writes the answer to the request and closes the connection once it is written.
     *
     * @param ctx     the filter chain context of the request
     * @param request the upgrade request
     */
    void send(FilterChainContext ctx, HttpRequestPacket request) {
        Map<String, String> fields = new LinkedHashMap<>(headers);
        byte[] body = JsonResponses.errorBody(error, message);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(status);
        String reason = reasonPhrase(status);
        if (reason != null) { // Grizzly 4.0.2 says "CUSTOM" for a status it does not know
            response.setReasonPhrase(reason);
        }
        // Set through setContentType or setHeader, Content-Type was left out of this answer (Grizzly 4.0.2,
        // measured); a raw header is written as it is
        response.getHeaders().addValue(Header.ContentType).setString("application/json;charset=utf-8");
        response.setContentLength(body.length);
        response.setHeader(Header.Connection, "close");
        fields.forEach(response::setHeader);
        Buffer buffer = Buffers.wrap(ctx.getMemoryManager(), body);
        Connection<?> connection = ctx.getConnection();
        ctx.write(HttpContent.builder(response).content(buffer).last(true).build(),
                new EmptyCompletionHandler<WriteResult>() {
                    @Override
                    public void completed(WriteResult result) {
                        connection.closeSilently();
                    }

                    @Override
                    public void failed(Throwable failure) {
                        connection.closeSilently();
                    }
                });
    }
}
