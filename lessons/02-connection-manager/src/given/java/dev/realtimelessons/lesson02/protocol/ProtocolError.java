package dev.realtimelessons.lesson02.protocol;

/**
 * A request the server refuses. The client gets {@code {"type": "error", "code": ..., "message": ..., "id": ...}}
 * and the connection stays open.
 */
public final class ProtocolError extends Exception {

    private final ErrorCode code;

    /**
     * Creates the refusal.
     *
     * @param code    the error code
     * @param message a sentence saying what was wrong
     */
    public ProtocolError(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /**
     * The error code.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }
}
