package dev.realtimelessons.lesson02.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonAppend;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A message the server sends: an immutable record that Jackson writes as one JSON object, its {@code type} first
 * (the record's {@code @JsonTypeName}), then its components in order, in snake_case ({@code expiresAt} is
 * {@code expires_at}). A component that is null is left out, unless it says otherwise (lesson 06's
 * {@code "seq": null}). An answer carries its request's {@code id} last, appended by {@link Messages#text(
 * ServerMessage, com.fasterxml.jackson.databind.JsonNode)}: the record itself never holds it. Later lessons add
 * their own records.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonAppend(attrs = @JsonAppend.Attr(value = ServerMessage.ID, include = JsonInclude.Include.NON_NULL))
public interface ServerMessage {

    /** The name of the request id that an answer carries back. */
    String ID = "id";
}
