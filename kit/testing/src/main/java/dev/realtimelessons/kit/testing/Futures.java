package dev.realtimelessons.kit.testing;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting on a future in a test, always with a timeout and a message: a bare {@code join()} hangs the build when
 * the future never completes, and then says nothing about what was awaited.
 */
public final class Futures {

    private Futures() {
    }

    /**
     * Waits for a future's value.
     *
     * @param future  the future
     * @param timeout how long to wait
     * @param what    what the future stands for, for the failure's message, for example {@code "ada's join"}
     * @param <T>     the value's type
     * @return the value
     * @throws AssertionError if the future fails, or has not completed within the timeout
     */
    public static <T> T await(CompletionStage<T> future, Duration timeout, String what) {
        try {
            return future.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not complete within " + timeout, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
