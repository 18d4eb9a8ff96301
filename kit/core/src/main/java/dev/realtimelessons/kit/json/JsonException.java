package dev.realtimelessons.kit.json;

/**
 * Text that is not the JSON a caller expected, or a value Jackson cannot write.
 *
 * <p>Unchecked, so that protocol code can catch it in one place and answer with an error.
 */
public class JsonException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what was wrong, in words a client can be shown
     * @param cause   Jackson's exception
     */
    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
