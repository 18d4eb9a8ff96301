package dev.realtimelessons.lesson02;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;

/**
 * Who a connection is. For now the client says so with {@code ?user=}; lesson 04 replaces this with a verified
 * token. A connection without a user gets an anonymous name made from its id.
 */
public final class Identity {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private Identity() {
    }

    /**
     * The user of a new connection.
     *
     * @param parameters the handshake's query parameters
     * @param connection the connection's id
     * @return the user
     * @throws ProtocolError {@code invalid_field} if {@code user} does not match {@code [A-Za-z0-9_.-]{1,32}}
     */
    public static String userOf(Map<String, List<String>> parameters, String connection) throws ProtocolError {
        List<String> user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            return "anon-" + connection.substring(0, 8);
        }
        return validUser(user.get(0));
    }

    /**
     * Checks a user name.
     *
     * @param user the name
     * @return the name
     * @throws ProtocolError {@code invalid_field} if it does not match {@code [A-Za-z0-9_.-]{1,32}}
     */
    public static String validUser(String user) throws ProtocolError {
        if (!USER.matcher(user).matches()) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD,
                    "user must be 1 to 32 letters, digits, '_', '.' or '-'");
        }
        return user;
    }
}
