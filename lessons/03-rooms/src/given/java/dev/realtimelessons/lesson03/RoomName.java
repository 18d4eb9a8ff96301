package dev.realtimelessons.lesson03;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson02.protocol.Request;

/**
 * The rule for room names: 1 to 64 characters of letters, digits, {@code _ . : -}, starting with a letter or a
 * digit. The colon leaves room for namespaces such as {@code private:team} (lesson 04).
 */
public final class RoomName {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private RoomName() {
    }

    /**
     * The {@code room} field of a request, checked.
     *
     * @param request the request
     * @return the room's name
     * @throws ProtocolError {@code invalid_field} if the field is missing or not a string; {@code invalid_room} if
     *                       it is a string that breaks the rule, the empty string included
     */
    public static String of(Request request) throws ProtocolError {
        JsonNode room = request.body().get("room");
        if (room == null || !room.isTextual()) { // "" is a string, and a name too short: invalid_room, below
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "room is required and must be a string");
        }
        return valid(room.asText());
    }

    /**
     * Checks a name.
     *
     * @param name the name
     * @return the name
     * @throws ProtocolError {@code invalid_room} if it breaks the rule
     */
    public static String valid(String name) throws ProtocolError {
        if (!NAME.matcher(name).matches()) {
            throw new ProtocolError(ErrorCode.INVALID_ROOM, "a room name is 1 to 64 letters, digits, '_', '.', ':' "
                    + "or '-', starting with a letter or a digit");
        }
        return name;
    }
}
