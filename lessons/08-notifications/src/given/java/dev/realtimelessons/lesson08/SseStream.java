package dev.realtimelessons.lesson08;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.glassfish.grizzly.http.io.NIOWriter;
import org.glassfish.grizzly.http.server.Response;

import dev.realtimelessons.kit.json.Json;

/**
 * One open event stream: a suspended HTTP response that this server writes events into.
 *
 * <p>One writer: every write, and every call to its {@link Resume}, runs as a task of this stream, one at a time, on
 * the shared writer pool; a task is handed to the pool only when the stream has none queued or running, so a quiet
 * stream costs no thread. A client that does not read is not waited for: once Grizzly's write queue for it is full,
 * the stream ends, and the client resumes from its {@code Last-Event-ID} when it reconnects, losing nothing, since
 * everything it gets is kept in its inboxes.
 */
public final class SseStream {

    private static final System.Logger LOG = System.getLogger(SseStream.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "sse-" + IDS.incrementAndGet();
    private final String user;
    private final Response response;
    private final Executor writers;
    private final Resume resume = new Resume(); // used by this stream's tasks only
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Runnable onEnd = () -> { };
    private volatile boolean begun;
    private NIOWriter writer; // set by the first task

    /**
     * @param user     the stream's user
     * @param response the response, suspended by the caller
     * @param writers  the pool that runs the streams' writes
     */
    public SseStream(String user, Response response, Executor writers) {
        this.user = user;
        this.response = response;
        this.writers = writers;
    }

    /** @return an id for this stream, unique in this server: it holds the inboxes' channels under it */
    public String id() {
        return id;
    }

    /** @return the stream's user */
    public String user() {
        return user;
    }

    /**
     * What to do once when the stream ends, whoever ends it (the client, a failed write, the server).
     *
     * @param onEnd gives back the stream's slot and channels
     */
    public void onEnd(Runnable onEnd) {
        this.onEnd = onEnd;
    }

    /**
     * A live entry from one of the stream's inboxes.
     *
     * @param entry the entry; one not for this user (a broadcast's {@code exclude_user}) is dropped
     */
    public void offer(InboxEntry entry) {
        if (entry.isFor(user)) {
            run(() -> send(resume.live(entry)));
        }
    }

    /**
     * The replay is read: sends it, and what arrived live meanwhile, then {@code ready}.
     *
     * @param from   where the client is
     * @param replay what it missed, oldest first
     * @param reload true when it may have missed more than the inboxes keep: it gets {@code reload} first
     */
    public void start(Cursor from, List<InboxEntry> replay, boolean reload) {
        run(() -> {
            StringBuilder out = new StringBuilder();
            if (reload) { // never a silent gap: the page reloads what it shows, and goes on from now
                out.append(SseFrames.event(from.toString(), "reload", "{\"reason\":\"gap\"}"));
            }
            List<Resume.Written> sent = resume.start(from, replay);
            sent.forEach(written -> out.append(frame(written)));
            out.append(SseFrames.event(resume.cursor().toString(), "ready",
                    Json.write(new Ready(user, sent.size(), reload))));
            writeNow(out.toString());
        });
    }

    /** The event that ends a replay: the page is up to date from here. */
    private record Ready(String user, int replayed, boolean reload) {
    }

    /**
     * Writes a comment, so that proxies see traffic and a closed connection is noticed; nothing before
     * {@link #begin}, whose response head must go first.
     */
    public void heartbeat() {
        if (begun) {
            run(() -> writeNow(SseFrames.comment("heartbeat")));
        }
    }

    /**
     * The response's head is set: writes the first line (the {@code retry:}), and from now on heartbeats too. A
     * heartbeat written before the head would send it without its content type, and a browser's
     * {@code EventSource} then waits forever, neither open nor failed.
     *
     * @param first the first text of the stream
     */
    public void begin(String first) {
        begun = true;
        run(() -> writeNow(first));
    }

    /** Ends the stream: the response completes, and a browser reconnects after its {@code retry:} delay. */
    public void end() {
        if (ended.compareAndSet(false, true)) {
            try {
                response.resume();
            } catch (IllegalStateException alreadyDone) {
                // the client went first
            }
            onEnd.run();
        }
    }

    /** The client went away: nothing to complete. */
    public void gone() {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }

    private void send(List<Resume.Written> written) {
        if (written.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        written.forEach(entry -> out.append(frame(entry)));
        writeNow(out.toString());
    }

    private static String frame(Resume.Written written) {
        return SseFrames.event(written.cursor().toString(), written.entry().event(), written.entry().data());
    }

    private void writeNow(String text) {
        if (ended.get()) {
            return;
        }
        try {
            if (writer == null) {
                writer = response.getNIOWriter();
            }
            if (!writer.canWrite()) { // the client reads slower than it gets: let it resume instead of queueing
                LOG.log(System.Logger.Level.DEBUG, "event stream {0} too slow: ended", id);
                end();
                return;
            }
            writer.write(text);
            writer.flush();
        } catch (IOException | RuntimeException gone) {
            LOG.log(System.Logger.Level.DEBUG, "event stream {0} gone: {1}", id, gone.toString());
            end();
        }
    }

    private void run(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        do {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "event stream {0}: {1}", id, e.toString());
                    end();
                }
            }
            scheduled.set(false);
        } while (!tasks.isEmpty() && scheduled.compareAndSet(false, true));
    }
}
