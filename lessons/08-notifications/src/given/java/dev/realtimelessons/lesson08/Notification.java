package dev.realtimelessons.lesson08;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * A typed notification, as a back end posts it and every transport delivers it: the {@code data} of an SSE
 * {@code notification} event, and of a WebSocket {@code notification} message.
 *
 * @param id         chosen by the server when it is posted, the same for every recipient (a broadcast has one id)
 * @param type       {@code info}, {@code success}, {@code warning} or {@code error}
 * @param title      one line, 1 to 120 characters
 * @param body       optional, at most 2,000 characters
 * @param link       optional: an {@code https://} or {@code http://} URL, or a path on this site ({@code /…}); never
 *                   {@code javascript:} or anything else a page would run
 * @param auto_hide  whether the page hides it by itself (default true)
 * @param duration   how long it shows when it hides by itself, in milliseconds (1,000 to 60,000; default 5,000);
 *                   absent when it does not hide by itself
 * @param room       the room it is about, for {@code POST /api/rooms/{room}/notify}; absent otherwise
 * @param created_at when it was posted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(String id, String type, String title, String body, String link, boolean auto_hide,
                           Integer duration, String room, String created_at) {

    /** The longest title. */
    public static final int MAX_TITLE = 120;
    /** The longest body. */
    public static final int MAX_BODY = 2_000;
    /** The longest link. */
    public static final int MAX_LINK = 2_048;
    /** How long one shows by default when it hides by itself. */
    public static final int DEFAULT_DURATION_MS = 5_000;

    /**
     * Reads a back end's request body, and checks it.
     *
     * @param body the JSON object
     * @param room the room it is about, or null
     * @param now  the time it is posted
     * @return the notification, with a new id
     * @throws ProtocolError {@code invalid_field}, naming the field and the rule it breaks
     */
    public static Notification of(JsonNode body, String room, Instant now) throws ProtocolError {
        String type = requiredText(body, "type");
        if (Arrays.stream(NotificationType.values()).noneMatch(known -> known.wire().equals(type))) {
            throw invalid("type must be info, success, warning or error");
        }
        String title = requiredText(body, "title");
        if (title.isBlank() || title.length() > MAX_TITLE) {
            throw invalid("title must be 1 to " + MAX_TITLE + " characters");
        }
        String text = optionalText(body, "body");
        if (text != null && text.length() > MAX_BODY) {
            throw invalid("body must be at most " + MAX_BODY + " characters");
        }
        String link = optionalText(body, "link");
        if (link != null) {
            checkLink(link);
        }
        JsonNode autoHide = body.get("auto_hide");
        if (autoHide != null && !autoHide.isNull() && !autoHide.isBoolean()) {
            throw invalid("auto_hide must be true or false");
        }
        boolean hides = autoHide == null || autoHide.isNull() || autoHide.booleanValue();
        JsonNode duration = body.get("duration");
        Integer millis = null;
        if (duration != null && !duration.isNull()) {
            if (!duration.isIntegralNumber() || duration.asLong() < 1_000 || duration.asLong() > 60_000) {
                throw invalid("duration must be a whole number of milliseconds, 1000 to 60000");
            }
            if (!hides) {
                throw invalid("duration needs auto_hide: true");
            }
            millis = duration.intValue();
        } else if (hides) {
            millis = DEFAULT_DURATION_MS;
        }
        return new Notification(UUID.randomUUID().toString(), type, title, text, link, hides, millis, room,
                now.toString());
    }

    private static void checkLink(String link) throws ProtocolError {
        if (link.length() > MAX_LINK) {
            throw invalid("link must be at most " + MAX_LINK + " characters");
        }
        // Browsers read a backslash in a URL as a slash: "/\evil.example" would be "//evil.example", another site.
        if (link.chars().anyMatch(c -> c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid("link must not hold a backslash, a space or a control character");
        }
        if (link.startsWith("/") && !link.startsWith("//")) {
            return; // a path on this site
        }
        try {
            URI uri = new URI(link);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw invalid("link must be an http(s) URL or a path starting with /");
    }

    private static String requiredText(JsonNode body, String field) throws ProtocolError {
        String value = optionalText(body, field);
        if (value == null) {
            throw invalid(field + " is required");
        }
        return value;
    }

    private static String optionalText(JsonNode body, String field) throws ProtocolError {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.asText();
    }

    private static ProtocolError invalid(String message) {
        return new ProtocolError(ErrorCode.INVALID_FIELD, message);
    }
}
