package dev.realtimelessons.lesson02.protocol;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.realtimelessons.kit.json.Json;
import dev.realtimelessons.kit.json.JsonException;

/**
 * One client frame at the wire's edge: a JSON object with a {@code type}, an optional {@code id} (a string or a
 * number that the answer carries back), and the fields of that type, which {@link #decode} turns into the type's
 * record.
 *
 * @param type the message type
 * @param id   the client's request id, or null
 * @param body the whole object
 */
public record Request(String type, JsonNode id, JsonNode body) {

    /** How a record component's name is spelt on the wire, as {@link ClientRequest}'s {@code @JsonNaming} says. */
    private static final PropertyNamingStrategies.NamingBase WIRE_NAMES =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

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
     * Decodes the request as a record of its type, in one place for every type: first each component's field is
     * checked as {@link ClientRequest} says, with the protocol's errors; then Jackson decodes the checked fields;
     * then the record {@linkplain ClientRequest#validate() validates} what the types cannot say.
     *
     * @param type the record of this request's type
     * @param <R>  the record
     * @return the request, decoded
     * @throws ProtocolError {@code invalid_field} naming a field that is missing or has the wrong type, or the
     *                       record's own refusal
     */
    public <R extends ClientRequest> R decode(Class<R> type) throws ProtocolError {
        ObjectNode fields = JsonNodeFactory.instance.objectNode(); // only the checked fields, nulls as absent
        fields.put("type", this.type); // the record's @JsonTypeName, which the dispatcher checked it has
        for (RecordComponent component : type.getRecordComponents()) {
            String field = WIRE_NAMES.translate(component.getName());
            JsonNode value = check(component, field, body.get(field));
            if (value != null) {
                fields.set(field, value);
            } else if (component.getType() == boolean.class) {
                fields.put(field, false); // absent: false, said here since Jackson refuses a missing primitive
            }
        }
        R request = Json.read(fields, type);
        request.validate();
        return request;
    }

    /** @return the field's value, or null when it is absent or null (and may be) */
    private static JsonNode check(RecordComponent component, String field, JsonNode value) throws ProtocolError {
        boolean absent = value == null || value.isNull();
        Class<?> kind = component.getType();
        if (kind == String.class) {
            Method accessor = component.getAccessor();
            if (accessor.isAnnotationPresent(ClientRequest.MayBeAbsent.class)) {
                if (!absent && !value.isTextual()) {
                    throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " must be a string");
                }
            } else if (accessor.isAnnotationPresent(ClientRequest.MayBeEmpty.class)) {
                if (absent || !value.isTextual()) { // "" is left to the record's validate()
                    throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " is required and must be a string");
                }
            } else if (absent || !value.isTextual() || value.asText().isEmpty()) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " is required and must be a non-empty string");
            }
        } else if (kind == JsonNode.class) {
            if (absent) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " is required (any JSON value but null)");
            }
        } else if (kind == boolean.class) {
            if (!absent && !value.isBoolean()) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " must be true or false");
            }
        } else if (kind == Boolean.class) { // an optional boolean: absent is null, for the record to decide
            if (!absent && !value.isBoolean()) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " must be true or false");
            }
        } else if (kind == Long.class) {
            if (!absent && (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0)) {
                throw new ProtocolError(ErrorCode.INVALID_FIELD, field + " must be a whole number of 0 or more");
            }
        } else {
            throw new IllegalStateException(component + ": a request field is a String, JsonNode, boolean, Boolean or"
                    + " Long");
        }
        return absent ? null : value;
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
