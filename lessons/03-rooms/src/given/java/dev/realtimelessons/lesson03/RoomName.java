package dev.realtimelessons.lesson03;

import java.util.regex.Pattern;

import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * The rule for room names: 1 to 64 characters of letters, digits, {@code _ . : -}, starting with a letter or a
 * digit. The colon leaves room for namespaces such as {@code private:team} (lesson 04).
 */
public final class RoomName {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private RoomName() {
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
