package dev.realtimelessons.lesson06;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * A fixed set of single-threaded workers, chosen by key (a room's name, a user's): everything done for one key runs
 * on one thread, in the order it was handed over, so a room's messages keep their order while different rooms run
 * in parallel. The Redis subscriber thread and Tyrus's threads hand their work here and go back to what they do.
 * (The REST API's threads are Grizzly's workers, which may wait: they publish themselves.)
 */
public final class RoomWorkers implements AutoCloseable {

    private final ExecutorService[] workers;
    /** On a worker's thread, its index; elsewhere (and on another instance's workers), null. */
    private final ThreadLocal<Integer> current = new ThreadLocal<>();

    /**
     * Starts the workers.
     *
     * @param count how many threads
     */
    public RoomWorkers(int count) {
        workers = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = "room-worker-" + i;
            int index = i;
            workers[i] = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(() -> {
                    current.set(index);
                    runnable.run();
                }, name);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /**
     * The worker of a key. Once the workers are closed (the server is stopping), it drops what it is given: a
     * connection that closes during the stop has nobody left to tell.
     *
     * @param key a room's or a user's name
     * @return the executor every task for that key runs on
     */
    public Executor of(String key) {
        ExecutorService worker = workers[indexOf(key)];
        return task -> execute(worker, task);
    }

    /**
     * Whether the calling thread is the worker of a key.
     *
     * @param key a room's or a user's name
     * @return true on the thread that runs every task for that key
     */
    public boolean runsOn(String key) {
        Integer index = current.get();
        return index != null && index == indexOf(key);
    }

    private int indexOf(String key) {
        return Math.floorMod(key.hashCode(), workers.length);
    }

    /**
     * Runs a task once on every worker, after what each has queued: for clean-up that must come after any
     * request still waiting, whatever its key.
     *
     * @param task the task
     */
    public void onEach(Runnable task) {
        for (ExecutorService worker : workers) {
            execute(worker, task);
        }
    }

    private static void execute(ExecutorService worker, Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException stopped) {
            // closed: the server is stopping, and the work of its connections stops with it
        }
    }

    @Override
    public void close() {
        for (ExecutorService worker : workers) {
            worker.shutdownNow();
        }
    }
}
