package dev.realtimelessons.lesson02.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.json.JsonException;

/**
 * One client message: a JSON object with a {@code type}, an optional {@code id} (a string or a number that the
 * answer carries back), and the fields of that type.
 *
 * @param type the message type
 * @param id   the client's request id, or null
 * @param body the whole object
 */
public record Request(String type, JsonNode id, JsonNode body) {

    /**
     * Parses a text frame.
     *
     * @param text the frame
     * @return the request
     * @throws ProtocolError {@code malformed_json} for text that is not a JSON object; {@code invalid_field} for a
     *                       missing or non-string {@code type} or an {@code id} that is neither string nor number
     */
    public static Request parse(String text) throws ProtocolError {
        JsonNode body;
        try {
            body = Json.tree(text);
        } catch (JsonException e) {
            throw new ProtocolError(ErrorCode.MALFORMED_JSON, e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new ProtocolError(ErrorCode.MALFORMED_JSON, "a message must be a JSON object");
        }
        JsonNode id = body.get("id");
        if (id != null && !id.isTextual() && !id.isIntegralNumber()) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "id must be a string or a whole number");
        }
        JsonNode type = body.get("type");
        if (type == null || !type.isTextual() || type.asText().isEmpty()) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "type is required and must be a string");
        }
        return new Request(type.asText(), id, body);
    }

    /**
     * A required string field.
     *
     * @param field the field name
     * @return its value
     * @throws ProtocolError {@code invalid_field} if it is missing, not a string or empty
     */
    public String text(String field) throws ProtocolError {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " is required and must be a non-empty string");
        }
        return value.asText();
    }

    /**
     * An optional boolean field.
     *
     * @param field    the field name
     * @param fallback the value when absent
     * @return its value
     * @throws ProtocolError {@code invalid_field} if it is present but not a boolean
     */
    public boolean flag(String field, boolean fallback) throws ProtocolError {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " must be true or false");
        }
        return value.asBoolean();
    }

    /**
     * An optional whole-number field.
     *
     * @param field    the field name
     * @param fallback the value when absent
     * @return its value
     * @throws ProtocolError {@code invalid_field} if it is present but not a whole number of 0 or more
     */
    public long number(String field, long fallback) throws ProtocolError {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || !value.canConvertToLong()) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " must be a whole number of 0 or more");
        }
        return value.asLong();
    }

    /**
     * The required {@code data} field: any JSON value but null.
     *
     * @return its value
     * @throws ProtocolError {@code invalid_field} if it is missing or null
     */
    public JsonNode data() throws ProtocolError {
        JsonNode value = body.get("data");
        if (value == null || value.isNull()) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "data is required (any JSON value but null)");
        }
        return value;
    }

    /**
     * The {@code id} of a frame that {@link #parse} refused, so that even its error can carry the id.
     *
     * @param text the frame
     * @return the id, or null when the frame has no usable id
     */
    public static JsonNode idOf(String text) {
        try {
            JsonNode id = Json.tree(text).get("id");
            return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
