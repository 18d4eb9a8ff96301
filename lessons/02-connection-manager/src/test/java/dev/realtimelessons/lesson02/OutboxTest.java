package dev.realtimelessons.lesson02;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.realtimelessons.kit.testing.steps.Step1;

@Step1
@DisplayName("Step 1: the outbox, one writer per connection")
class OutboxTest {

    /**
     * A sender whose sends finish only when the test says so. The outbox calls it on the test's thread and on the
     * executor's: every access holds its lock, and the test reads copies.
     */
    private static final class HeldSender implements Outbox.Sender {
        private final List<String> sent = new ArrayList<>();
        private final List<Consumer<Throwable>> pending = new ArrayList<>();

        @Override
        public synchronized void send(String text, Consumer<Throwable> completion) {
            sent.add(text);
            pending.add(completion);
        }

        void completeNext(Throwable failure) {
            Consumer<Throwable> completion;
            synchronized (this) {
                completion = pending.remove(0);
            }
            completion.accept(failure);
        }

        synchronized int inFlight() {
            return pending.size();
        }

        /** @return what was sent so far, in order: a copy */
        synchronized List<String> sent() {
            return List.copyOf(sent);
        }
    }

    private static final class CountingListener implements Outbox.Listener {
        final AtomicInteger overflows = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void onOverflow() {
            overflows.incrementAndGet();
        }

        @Override
        public void onSendFailed(Throwable failure) {
            failures.incrementAndGet();
        }
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final HeldSender sender = new HeldSender();
    private final CountingListener listener = new CountingListener();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("sends one message at a time, in order, the next when the previous has finished")
    void sendsOneAtATimeInOrder() {
        Outbox outbox = new Outbox(10, sender, listener, executor);

        assertThat(outbox.offer("a")).isTrue();
        assertThat(outbox.offer("b")).isTrue();
        assertThat(outbox.offer("c")).isTrue();
        assertThat(sender.sent()).as("sent before any send finished").containsExactly("a");
        assertThat(outbox.queued()).isEqualTo(2);

        sender.completeNext(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.inFlight() == 1 && sender.sent().size() == 2);
        sender.completeNext(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.inFlight() == 1 && sender.sent().size() == 3);

        assertThat(sender.sent()).containsExactly("a", "b", "c");
        assertThat(outbox.queued()).isZero();
    }

    @Test
    @DisplayName("a completing send hands the next to the executor only when a message waits")
    void handsOffOnlyWhenAMessageWaits() {
        AtomicInteger handOffs = new AtomicInteger();
        Executor counting = task -> {
            handOffs.incrementAndGet();
            executor.execute(task);
        };
        Outbox outbox = new Outbox(10, sender, listener, counting);

        outbox.offer("a");
        sender.completeNext(null);
        assertThat(handOffs).as("tasks given to the executor after a send that left nothing waiting").hasValue(0);

        assertThat(outbox.offer("b")).isTrue();
        assertThat(sender.sent()).as("sent by the offering thread, since nothing was in flight").containsExactly("a", "b");
        assertThat(outbox.offer("c")).isTrue();
        sender.completeNext(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.sent().size() == 3);
        assertThat(handOffs).as("tasks given to the executor after a send that left one message waiting").hasValue(1);
        assertThat(sender.sent()).containsExactly("a", "b", "c");
    }

    @Test
    @DisplayName("a long queue of sends that complete at once does not grow the stack")
    void sendsThatCompleteAtOnceKeepTheStackFlat() {
        int waiting = 100_000;
        AtomicReference<Consumer<Throwable>> first = new AtomicReference<>();
        AtomicInteger sent = new AtomicInteger();
        Outbox.Sender atOnce = (text, completion) -> {
            sent.incrementAndGet();
            if (first.compareAndSet(null, completion)) {
                return; // the first send is held until the queue is long
            }
            completion.accept(null); // every other send completes on the thread that started it
        };
        Outbox outbox = new Outbox(waiting, atOnce, listener, executor);
        for (int i = 0; i <= waiting; i++) {
            outbox.offer("m" + i);
        }

        first.get().accept(null);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sent).hasValue(waiting + 1));
        assertThat(listener.failures).hasValue(0);
    }

    @Test
    @DisplayName("refuses a message when the queue is full, reports the overflow once, and refuses everything after")
    void overflowsOnce() {
        Outbox outbox = new Outbox(3, sender, listener, executor);
        assertThat(outbox.offer("in flight")).isTrue();
        assertThat(outbox.offer("1")).isTrue();
        assertThat(outbox.offer("2")).isTrue();
        assertThat(outbox.offer("3")).isTrue();

        assertThat(outbox.offer("4")).as("a fourth waiting message").isFalse();
        assertThat(outbox.offer("5")).isFalse();

        assertThat(listener.overflows).hasValue(1);
        assertThat(outbox.queued()).isZero();
        assertThat(sender.sent()).containsExactly("in flight");
    }

    @Test
    @DisplayName("reports a failed send once, and refuses everything after")
    void failsOnce() {
        Outbox outbox = new Outbox(10, sender, listener, executor);
        outbox.offer("a");
        outbox.offer("b");

        sender.completeNext(new IOException("broken pipe"));

        assertThat(listener.failures).hasValue(1);
        assertThat(outbox.offer("c")).isFalse();
        assertThat(sender.sent()).containsExactly("a");
    }

    @Test
    @DisplayName("never has two sends in flight, even with 8 threads offering at once")
    void neverTwoSendsInFlight() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        ExecutorService network = Executors.newSingleThreadExecutor();
        Outbox.Sender concurrent = (text, completion) -> {
            if (inFlight.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            network.execute(() -> { // finishes later, on another thread, as a real socket would
                received.add(text);
                inFlight.decrementAndGet();
                completion.accept(null);
            });
        };
        Outbox outbox = new Outbox(100_000, concurrent, listener, executor);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writers.execute(() -> {
                for (int i = 0; i < 1_000; i++) {
                    outbox.offer(thread + ":" + i);
                }
            });
        }
        writers.shutdown();
        assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received).hasSize(8_000));
        network.shutdownNow();
        assertThat(overlaps).as("sends started while another was in flight").hasValue(0);
        for (int t = 0; t < 8; t++) {
            String prefix = t + ":";
            List<Integer> order = received.stream().filter(m -> m.startsWith(prefix))
                    .map(m -> Integer.parseInt(m.substring(prefix.length()))).toList();
            assertThat(order).as("thread " + t + "'s messages, in the order it offered them").isSorted().hasSize(1_000);
        }
        assertThat(listener.overflows).hasValue(0);
    }
}
