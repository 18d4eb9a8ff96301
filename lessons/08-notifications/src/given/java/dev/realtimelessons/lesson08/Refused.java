package dev.realtimelessons.lesson08;

import java.time.Duration;

/** A stream past a limit: answered with its status, the course's JSON error and {@code Retry-After}. */
public final class Refused extends Exception {

    private final int status;
    private final String code;
    private final Duration retryAfter;

    /**
     * @param status     503 or 429
     * @param code       the error code, for example {@code server_full}
     * @param message    a sentence for people
     * @param retryAfter when to try again
     */
    public Refused(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error code */
    public String code() {
        return code;
    }

    /** @return when to try again */
    public Duration retryAfter() {
        return retryAfter;
    }
}
