package dev.realtimelessons.kit.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The course's JSON codec: Jackson behind a few calls.
 *
 * <p>One {@link ObjectMapper} is shared; it is thread-safe once configured. Records map to objects by their
 * component names. Unknown properties are rejected, so a misspelt field is an error and not a silent default.
 *
 * <p>A text is one JSON value: anything after it but white space ({@code {"id":1} x}, or a second object) is an
 * error, not silently dropped. Numbers read as a tree keep their exact value, so that a payload is passed on
 * untouched: a decimal is a {@link java.math.BigDecimal} with its digits and scale as written, never a
 * {@code double} ({@code 0.1000000000000000000001} stays so, {@code 1.50} keeps its zero), and a whole number
 * too large for a {@code long} is a {@link java.math.BigInteger}. A decimal is written back in
 * {@link java.math.BigDecimal#toString()}'s form, which is the text it was read from except for an exponent's
 * spelling ({@code 1e2} and {@code 1E2} become {@code 1E+2}) and a negative zero ({@code -0.0} becomes
 * {@code 0.0}).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Decimals as BigDecimal, kept as written: a double would turn 0.1000000000000000000001 into 0.1 and
            // 1e400 into "Infinity". Written back with toString(), never as plain digits: 1E+400 stays 6 bytes.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
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
     * Writes a value as compact JSON text, with a writer attribute: the value of a property that its type appends
     * ({@code @JsonAppend}), such as the request id that an answer carries back.
     *
     * @param value     a record, map, list, {@link JsonNode} or scalar
     * @param attribute the attribute's name
     * @param attrValue its value; null leaves the property out where the type says so
     * @return the JSON text
     * @throws JsonException if Jackson cannot write the value
     */
    public static String write(Object value, String attribute, Object attrValue) {
        try {
            return MAPPER.writer().withAttribute(attribute, attrValue).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new JsonException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a tree into a type, as {@link #read} reads text.
     *
     * @param tree the tree, for example a frame that was checked before it is decoded
     * @param type the record or class to read into
     * @param <T>  the type
     * @return the value
     * @throws JsonException if the tree does not fit the type
     */
    public static <T> T read(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new JsonException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads JSON text into a type.
     *
     * @param text the JSON text
     * @param type the record or class to read into
     * @param <T>  the type
     * @return the value
     * @throws JsonException if the text is not one valid JSON value (nothing after it but white space) or does
     *                       not fit the type
     */
    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new JsonException("not a valid " + type.getSimpleName() + ": " + reason(e), e);
        }
    }

    /**
     * Reads JSON text as a tree.
     *
     * @param text the JSON text
     * @return the root node
     * @throws JsonException if the text is not one valid JSON value (nothing after it but white space)
     */
    public static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JsonException("malformed JSON: " + reason(e), e);
        }
    }

    private static String reason(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Trailing token")) { // Jackson's words name its own classes
            return "something follows the end of the JSON value; a text holds one value";
        }
        return original;
    }

}
