package dev.realtimelessons.lesson06;

/**
 * A {@link SharedHistory} could not be reached (lesson 07: the database is down): what needed it is refused with
 * {@code unavailable}, and nothing was half-written.
 */
public final class HistoryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done
     * @param cause   the store's error
     */
    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
