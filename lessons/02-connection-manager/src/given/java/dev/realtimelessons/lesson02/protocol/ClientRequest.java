package dev.realtimelessons.lesson02.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonAppend;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A client request of one type, as a record decoded from its frame by {@link Request#decode}: its
 * {@code @JsonTypeName} is its {@code type}, its components are the type's fields, in snake_case on the wire
 * ({@code excludeSelf} is {@code exclude_self}). {@code id} and fields the record does not name are ignored. A
 * client (lesson 05's) writes the same record, {@code type} first, null components left out, its {@code id}
 * appended last by the writer ({@link ServerMessage#ID}, as for an answer).
 *
 * <p>What a component's Java type says is checked before Jackson decodes, with the protocol's errors
 * ({@code invalid_field} naming the field): a {@code String} is a required non-empty string ({@link MayBeEmpty}:
 * or empty, left to {@link #validate}; {@link MayBeAbsent}: or absent), a {@code JsonNode} any JSON value but
 * null (the payload, passed on untouched), a {@code boolean} {@code true} or {@code false} (false when absent), a
 * {@code Boolean} {@code true} or {@code false} (null when absent: lesson 07's {@code typing}), a
 * {@code Long} a whole number of 0 or more (null when absent). What types cannot say (a user name, a room name)
 * the record checks in {@link #validate}. Each lesson groups its requests in a sealed interface
 * ({@link ChatRequest} for lesson 02).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonAppend(attrs = @JsonAppend.Attr(value = ServerMessage.ID, include = JsonInclude.Include.NON_NULL))
public interface ClientRequest {

    /**
     * Checks what the fields' types cannot say; {@link Request#decode} calls it once, after decoding.
     *
     * @throws ProtocolError the refusal, for example {@code invalid_room}
     */
    default void validate() throws ProtocolError {
    }

    /** Marks a {@code String} component that may be empty: {@link #validate} judges {@code ""} (a room name). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
    @interface MayBeEmpty {
    }

    /** Marks a {@code String} component that may be absent (or null): then it is null. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
    @interface MayBeAbsent {
    }
}
