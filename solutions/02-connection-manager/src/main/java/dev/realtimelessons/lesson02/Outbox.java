package dev.realtimelessons.lesson02;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One connection's outbound messages: a bounded queue drained by a single writer.
 *
 * <p>The Jakarta WebSocket API forbids a second send on a session while one is in progress, and a broadcast must
 * not wait for its slowest recipient. So {@link #offer} only queues and returns; one send is in flight at a time,
 * and its completion starts the next. A client that stops reading lets its queue fill up; when it is full the
 * outbox gives up on that client instead of growing or blocking anyone else.
 */
public final class Outbox {

    /** Sends one text message without waiting, and reports when the send has finished. */
    @FunctionalInterface
    public interface Sender {
        /**
         * Starts a send.
         *
         * @param text       the message
         * @param completion called once when the send has finished: with null on success, with the failure
         *                   otherwise
         */
        void send(String text, Consumer<Throwable> completion);
    }

    /** What the outbox reports about its connection. */
    public interface Listener {
        /** The queue was full: the client is too slow. Called once; the outbox accepts nothing more. */
        void onOverflow();

        /**
         * A send failed: the connection is dead. Called once; the outbox accepts nothing more.
         *
         * @param failure why
         */
        void onSendFailed(Throwable failure);
    }

    private final int capacity;
    private final Sender sender;
    private final Listener listener;
    private final Executor executor;
    /** The messages waiting, the one in flight not included; guarded by {@code this}. */
    private final Queue<String> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    /**
     * Creates an outbox.
     *
     * @param capacity how many messages may wait, at least 1
     * @param sender   sends to the connection
     * @param listener told of overflow and failure
     * @param executor runs the next send when a send completes and another message waits (never on the completing
     *                 thread, so that a long queue cannot grow the stack); a completion that finds nothing waiting
     *                 hands it nothing
     */
    public Outbox(int capacity, Sender sender, Listener listener, Executor executor) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.sender = sender;
        this.listener = listener;
        this.executor = executor;
    }

    /**
     * Step 1: queues a message for sending, and starts sending if nothing is in flight.
     *
     * <p>Contract: never blocks, and never starts a second send while one is in flight (one writer);
     * messages leave in the order they were offered; when {@code capacity} messages are already waiting, the
     * message is refused, the queue is dropped and {@link Listener#onOverflow()} is called once; after an overflow
     * or a failed send every offer returns false. A completing send hands the next one to the executor only when a
     * message waits; when none does, it only marks that nothing is in flight, so a quiet connection wakes no thread.
     *
     * @param text the message, already serialized
     * @return true if queued, false if refused
     */
    // tag::offer[]
    public boolean offer(String text) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return false;
            }
            overflow = queue.size() >= capacity;
            if (overflow) {
                closed = true;
                queue.clear();
            } else {
                queue.add(text);
                if (sending) {
                    return true; // the send in flight will start the next one
                }
                sending = true;
            }
        }
        if (overflow) {
            listener.onOverflow();
            return false;
        }
        sendNext();
        return true;
    }

    private void sendNext() {
        String next;
        synchronized (this) {
            next = closed ? null : queue.poll();
            if (next == null) {
                sending = false;
                return;
            }
        }
        sender.send(next, this::completed);
    }

    private void completed(Throwable failure) {
        if (failure != null) {
            fail(failure);
            return;
        }
        synchronized (this) {
            if (closed || queue.isEmpty()) {
                sending = false; // nothing waits: no thread to wake
                return;
            }
        }
        executor.execute(this::sendNext); // something waits: a writer sends it, and the stack stays flat
    }
    // end::offer[]

    private void fail(Throwable failure) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        listener.onSendFailed(failure);
    }

    /**
     * How many messages wait, the one in flight not included.
     *
     * @return the queue's length
     */
    public synchronized int queued() {
        return queue.size();
    }
}
