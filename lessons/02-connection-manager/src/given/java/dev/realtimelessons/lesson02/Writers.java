package dev.realtimelessons.lesson02;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtimelessons.kit.concurrent.DaemonThreads;

/**
 * The threads that every connection's outbox shares: they start each send after the one before has completed,
 * and run the clean-up of a connection that was too slow or whose send failed.
 *
 * <p>A fixed number: twice the processors. A writer mostly starts an asynchronous send, which takes microseconds
 * of CPU; a clean-up may wait a little (lesson 06 tells Redis a connection has gone), and twice the processors
 * keeps every core busy while some wait. A thread per busy connection instead would let a burst of slow consumers
 * start thousands of threads. When every writer is busy, work waits in an unbounded queue, never refused: no
 * writer waits for another writer's work, so a queue cannot deadlock, and it stays small, since each connection
 * has at most one send in flight and one clean-up to queue.
 */
final class Writers {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private Writers() {
    }

    /**
     * Starts the writers for one server.
     *
     * @return an executor of twice as many threads as processors, created as needed and stopped after a minute
     *         idle; once shut down, it discards what it is given (a send completing late has nowhere to go)
     */
    static ExecutorService start() {
        int threads = 2 * Runtime.getRuntime().availableProcessors();
        ThreadPoolExecutor writers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("outbox-writer-" + POOLS.incrementAndGet()),
                new ThreadPoolExecutor.DiscardPolicy());
        writers.allowCoreThreadTimeOut(true); // an idle server keeps no writer
        return writers;
    }
}
