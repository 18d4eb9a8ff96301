package dev.realtimelessons.lesson01;

/**
 * Input the server refuses, with the error code and message the client gets back
 * ({@code 400 {"error": code, "message": message}} over HTTP, close code 1008 over WebSocket).
 */
public final class BadRequest extends Exception {

    private final String code;

    /**
     * Creates the refusal.
     *
     * @param code    a stable code, for example {@code invalid_since}
     * @param message a sentence saying what was wrong and what is accepted
     */
    public BadRequest(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /**
     * The stable error code.
     *
     * @return for example {@code invalid_since}
     */
    public String code() {
        return code;
    }
}
