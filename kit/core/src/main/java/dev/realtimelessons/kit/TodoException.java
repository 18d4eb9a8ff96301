package dev.realtimelessons.kit;

/**
 * Thrown by starter code that the student has not written yet.
 *
 * <p>Its message is the task, for example {@code "Step 2: format one event as an SSE frame (see README, step 2)"},
 * so a failing test says what to do next rather than only that something is missing.
 */
public class TodoException extends UnsupportedOperationException {

    /**
     * Creates the exception.
     *
     * @param task what to do, naming the README step
     */
    public TodoException(String task) {
        super("TODO " + task);
    }
}
