package dev.realtimelessons.lesson05.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread that owns a {@link RealtimeClient}'s state. Connection events, timers and requests all run on
 * it, one at a time, so that the client's state needs no lock. Once {@link #finish()} has been called, tasks that
 * were still queued do not run, and the futures they were to complete fail with {@code not_connected}.
 */
final class ClientThread {

    private static final System.Logger LOG = System.getLogger(ClientThread.class.getName());
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;
    private boolean finished; // this thread only

    /** Creates the thread, named {@code realtime-client-N}; it starts with the first task. */
    ClientThread() {
        String name = "realtime-client-" + CLIENTS.incrementAndGet();
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread created = new Thread(runnable, name);
            created.setDaemon(true); // an application that forgets close() still exits
            thread = created;
            return created;
        });
        executor.setRemoveOnCancelPolicy(true); // request timers are cancelled far more often than they fire
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // finish() drops pending timers
    }

    /**
     * The executor behind this thread, for the request timers and the connections' events.
     *
     * @return the executor
     */
    ScheduledExecutorService executor() {
        return executor;
    }

    /**
     * Whether the caller runs on this thread.
     *
     * @return true on this thread
     */
    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Whether {@link #finish()} was called. This thread only.
     *
     * @return true once finished
     */
    boolean finished() {
        return finished;
    }

    /**
     * Runs a task on this thread, unless the client has finished.
     *
     * @param task the task
     */
    void execute(Runnable task) {
        execute(null, task);
    }

    /**
     * Runs a task on this thread; if the client has finished, or the task fails, fails {@code orFail} instead.
     *
     * @param orFail failed in place of the task, or null
     * @param task   the task
     */
    void execute(CompletableFuture<?> orFail, Runnable task) {
        try {
            executor.execute(() -> run(orFail, task));
        } catch (RejectedExecutionException closed) {
            fail(orFail);
        }
    }

    /**
     * Runs a task on this thread after a delay, unless the client has finished by then.
     *
     * @param delay the delay
     * @param task  the task
     */
    void later(Duration delay, Runnable task) {
        try {
            executor.schedule(() -> run(null, task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // finished: nothing is to happen later
        }
    }

    /**
     * Runs a task on this thread and waits for it (at most {@code timeout}); on this thread, runs it at once.
     *
     * @param task    the task
     * @param timeout how long to wait, in case a handler keeps the thread busy
     */
    void runAndWait(Runnable task, Duration timeout) {
        if (isCurrent()) {
            task.run();
            return;
        }
        try {
            executor.submit(task).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException alreadyFinished) {
            // nothing left to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "a task on the client's thread did not finish", e);
        }
    }

    /** Marks the client finished and lets the thread end once the current task returns. This thread only. */
    void finish() {
        finished = true;
        executor.shutdown(); // tasks already queued still run, and see `finished`
    }

    private void run(CompletableFuture<?> orFail, Runnable task) {
        if (finished) {
            fail(orFail);
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) { // the executor would swallow it silently
            LOG.log(System.Logger.Level.WARNING, "a task of the client failed", e);
            if (orFail != null) {
                orFail.completeExceptionally(e);
            }
        }
    }

    private static void fail(CompletableFuture<?> orFail) {
        if (orFail != null) {
            orFail.completeExceptionally(new RequestFailedException(RequestFailedException.NOT_CONNECTED,
                    "the client is closed"));
        }
    }
}
