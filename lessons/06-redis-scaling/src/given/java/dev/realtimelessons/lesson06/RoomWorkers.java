package dev.realtimelessons.lesson06;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fixed set of single-threaded workers, chosen by key (a room's name, a user's): everything done for one key runs
 * on one thread, in the order it was handed over, so a room's messages keep their order while different rooms run
 * in parallel. The Redis subscriber thread and Tyrus's threads hand their work here and go back to what they do.
 * (The REST API's threads are Grizzly's workers, which may wait: they publish themselves.)
 */
public final class RoomWorkers implements AutoCloseable {

    private final ExecutorService[] workers;
    private final Thread[] threads;

    /**
     * Starts the workers.
     *
     * @param count how many threads
     */
    public RoomWorkers(int count) {
        workers = new ExecutorService[count];
        threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            int index = i;
            workers[i] = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "room-worker-" + index);
                thread.setDaemon(true);
                threads[index] = thread;
                return thread;
            });
        }
    }

    /**
     * The worker of a key.
     *
     * @param key a room's or a user's name
     * @return the executor every task for that key runs on
     */
    public Executor of(String key) {
        return workers[index(key)];
    }

    /**
     * Runs a task on the worker of a key: at once if the caller is that worker, else after what is queued there.
     *
     * @param key  the key
     * @param task the task
     */
    public void run(String key, Runnable task) {
        int index = index(key);
        if (Thread.currentThread() == threads[index]) {
            task.run();
        } else {
            workers[index].execute(task);
        }
    }

    /**
     * Whether the caller is the worker of a key.
     *
     * @param key the key
     * @return true on that worker's thread
     */
    public boolean isWorkerOf(String key) {
        return Thread.currentThread() == threads[index(key)];
    }

    @Override
    public void close() {
        for (ExecutorService worker : workers) {
            worker.shutdownNow();
        }
    }

    private int index(String key) {
        return Math.floorMod(key.hashCode(), workers.length);
    }
}
