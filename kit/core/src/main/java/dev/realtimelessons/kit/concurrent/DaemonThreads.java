package dev.realtimelessons.kit.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for a server's own threads: daemon threads, so that a server or client someone forgets to close
 * does not keep the JVM alive, and named, so that a thread dump says whose they are.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /**
     * A factory of daemon threads named {@code name-1}, {@code name-2}, and so on.
     *
     * @param name what the threads are for, for example {@code heartbeat}
     * @return the factory
     */
    public static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
