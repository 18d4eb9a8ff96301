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
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * {@code POST /api/token {"user": "ada", "roles": [...], "rooms": [...]}}: a token for whoever asks. This stands in
 * for a real login (a password, an identity provider) in development, and is switched off with
 * {@code DEV_LOGIN=false}: then it answers 404.
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
        try {
            String user = Identity.validUser(body.path("user").asText(""));
            String token = issuer.issue(user, strings(body.path("roles")), strings(body.path("rooms")));
            JsonResponses.send(response, 200, Map.of("token", token, "token_type", "Bearer",
                    "expires_in", config.tokenTtl().toSeconds()));
        } catch (ProtocolError e) {
            JsonResponses.error(response, 400, e.code().wire(), e.getMessage());
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
