package dev.realtimelessons.lesson04;

/**
 * Why a client could not be authenticated: the HTTP status its handshake gets, a code for programs and a sentence
 * for people. The sentence never contains the credential itself.
 */
public final class AuthFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param status  401 for missing or bad credentials, 403 for a forbidden Origin
     * @param code    for example {@code token_expired}
     * @param message for people
     */
    public AuthFailure(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /**
     * A 401: no credentials, or credentials that are not valid.
     *
     * @param code    for example {@code bad_signature}
     * @param message for people
     * @return the failure
     */
    public static AuthFailure unauthorized(String code, String message) {
        return new AuthFailure(401, code, message);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the code for programs */
    public String code() {
        return code;
    }
}
