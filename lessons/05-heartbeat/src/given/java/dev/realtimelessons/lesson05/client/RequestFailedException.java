package dev.realtimelessons.lesson05.client;

/**
 * A request of a {@link RealtimeClient} got no answer it could use: the server answered {@code error}, or the
 * client gave up waiting.
 *
 * <p>{@link #code()} is the server's error code (see PROTOCOL.md, for example {@code "rate_limited"}), or one of
 * the client's own: {@link #TIMEOUT} and {@link #NOT_CONNECTED}.
 */
public final class RequestFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** No answer arrived within the request timeout. The server may still have carried the request out. */
    public static final String TIMEOUT = "timeout";

    /**
     * The client was not connected when the request was made, or the connection was lost before the answer.
     * The server may or may not have carried the request out.
     */
    public static final String NOT_CONNECTED = "not_connected";

    /** The error code; serialised with the exception. */
    private final String code;

    /**
     * Creates the exception.
     *
     * @param code    the error code
     * @param message what happened, for a person
     */
    public RequestFailedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param code    the error code
     * @param message what happened, for a person
     * @param cause   the underlying failure
     */
    public RequestFailedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /**
     * The error code.
     *
     * @return the server's code, {@link #TIMEOUT} or {@link #NOT_CONNECTED}
     */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return "RequestFailedException[" + code + "]: " + getMessage();
    }
}
