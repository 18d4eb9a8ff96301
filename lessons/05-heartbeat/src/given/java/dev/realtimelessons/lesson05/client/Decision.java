package dev.realtimelessons.lesson05.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ReconnectPolicy} decided after a {@link Disconnect}: try again after a delay, or stop for good.
 */
sealed interface Decision {

    /**
     * Try again: open a new connection once {@code delay} has passed.
     *
     * @param delay how long to wait first, zero or more
     */
    record Retry(Duration delay) implements Decision {

        /** Checks the delay. */
        public Retry {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a delay cannot be negative, was " + delay);
            }
        }
    }

    /**
     * Stop for good: the client becomes {@link ConnectionState#CLOSED} and tells its state listeners why.
     *
     * @param why for a person: what a retry could not change
     */
    record Stop(String why) implements Decision {

        /** Checks the reason. */
        public Stop {
            Objects.requireNonNull(why, "why");
        }
    }
}
