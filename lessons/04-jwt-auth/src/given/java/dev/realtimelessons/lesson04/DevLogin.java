package dev.realtimelessons.lesson04;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.http.JsonResponses;
import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.json.JsonException;
import dev.realtimelessons.lesson02.Identity;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson03.RoomName;

/**
 * {@code POST /api/token {"user": "ada", "roles": [...], "rooms": [...]}}: a token for whoever asks. This stands in
 * for a real login (a password, an identity provider) in development, and is switched off with
 * {@code DEV_LOGIN=false}: then it answers 404. What it puts in the token is what it was given, or nothing: a
 * {@code user} that is not a user name by lesson 02's rule, {@code roles} or {@code rooms} that are not arrays of
 * strings, or a {@code rooms} entry that does not make a room name after {@code private:}, is a 400
 * {@code invalid_field} that names the field.
 */
public final class DevLogin extends HttpHandler {

    private static final int MAX_BODY_BYTES = 4 * 1024;

    private final AuthConfig config;
    private final TokenIssuer issuer;

    /**
     * @param config whether the dev login is on, and the token lifetime
     * @param issuer issues the tokens
     */
    public DevLogin(AuthConfig config, TokenIssuer issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!config.devLogin()) {
            JsonResponses.error(response, 404, "not_found", "the dev login is switched off (DEV_LOGIN=false)");
            return;
        }
        if (request.getMethod() != Method.POST) {
            JsonResponses.methodNotAllowed(response, "POST");
            return;
        }
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                JsonResponses.error(response, 413, "message_too_large", "at most " + MAX_BODY_BYTES + " bytes");
                return;
            }
            body = Json.tree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonException e) {
            JsonResponses.error(response, 400, "malformed_json", "the body must be a JSON object");
            return;
        }
        if (body == null || !body.isObject()) {
            JsonResponses.error(response, 400, "malformed_json", "the body must be a JSON object");
            return;
        }
        try {
            JsonNode user = body.path("user");
            if (!user.isTextual()) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, "user is required and must be a string");
            }
            Set<String> rooms = strings(body, "rooms");
            for (String room : rooms) {
                privateRoom(room);
            }
            String token = issuer.issue(Identity.validUser(user.asText()), strings(body, "roles"), rooms);
            JsonResponses.send(response, 200, Map.of("token", token, "token_type", "Bearer",
                    "expires_in", config.tokenTtl().toSeconds()));
        } catch (ProtocolError e) {
            JsonResponses.error(response, 400, e.code().wire(), e.getMessage());
        }
    }

    /** An optional array of strings, taken as it is: anything else is refused rather than rewritten. */
    private static Set<String> strings(JsonNode body, String field) throws ProtocolError {
        JsonNode array = body.path(field);
        Set<String> values = new LinkedHashSet<>();
        if (array.isMissingNode()) {
            return values;
        }
        if (!array.isArray()) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " must be an array of strings");
        }
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " must be an array of strings");
            }
            values.add(value.asText());
        }
        return values;
    }

    /** A {@code rooms} entry must make a room that can be joined: {@code private:} and it form a room name. */
    private static void privateRoom(String room) throws ProtocolError {
        try {
            RoomName.valid(RoomPolicy.PRIVATE + room);
        } catch (ProtocolError e) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "rooms must hold names that make a room name after '"
                    + RoomPolicy.PRIVATE + "': " + e.getMessage());
        }
    }
}
