package dev.realtimelessons.kit.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The course's JSON codec: Jackson behind three calls.
 *
 * <p>One {@link ObjectMapper} is shared; it is thread-safe once configured. Records map to objects by their
 * component names. Unknown properties are rejected, so a misspelt field is an error and not a silent default.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {
    }

    /**
     * Writes a value as compact JSON text.
     *
     * @param value a record, map, list, {@link JsonNode} or scalar
     * @return the JSON text
     * @throws JsonException if Jackson cannot write the value
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new JsonException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads JSON text into a type.
     *
     * @param text the JSON text
     * @param type the record or class to read into
     * @param <T>  the type
     * @return the value
     * @throws JsonException if the text is not valid JSON or does not fit the type
     */
    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new JsonException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads JSON text as a tree.
     *
     * @param text the JSON text
     * @return the root node
     * @throws JsonException if the text is not valid JSON
     */
    public static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JsonException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

}
