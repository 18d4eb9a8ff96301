package dev.realtimelessons.lesson02.protocol;

/**
 * A request the server refuses. The client gets {@code {"type": "error", "code": ..., "message": ..., "id": ...}}
 * and the connection stays open, unless the refusal also ends it ({@link #thenClose}): then the error is the last
 * message the client gets, after everything queued before it, and the close follows.
 */
public final class ProtocolError extends Exception {

    private final ErrorCode code;
    private int closeCode;
    private String closeReason;

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

    /**
     * Makes the refusal end the connection too (lesson 03: a client flooding on): the error is sent, then the
     * connection closes with this code, once everything queued for it has gone.
     *
     * @param code   the close code, for example 1008
     * @param reason why, for the client (at most 123 bytes of UTF-8)
     * @return this refusal
     */
    public ProtocolError thenClose(int code, String reason) {
        this.closeCode = code;
        this.closeReason = reason;
        return this;
    }

    /** @return whether the connection closes after the error */
    public boolean closes() {
        return closeReason != null;
    }

    /** @return the close code, when {@link #closes()} */
    public int closeCode() {
        return closeCode;
    }

    /** @return the close reason, when {@link #closes()} */
    public String closeReason() {
        return closeReason;
    }
}
