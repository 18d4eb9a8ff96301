package dev.realtimelessons.lesson06.broker;

/**
 * The broker cannot be reached: a publish reached nobody, a subscription was not made.
 */
public final class BrokerUnavailableException extends RuntimeException {

    /**
     * @param message what could not be done
     * @param cause   why, or null
     */
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
