package dev.realtimelessons.lesson08.client;

import java.io.IOException;
import java.io.Writer;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The test's event stream server: each request gets the next scripted answer ({@link #stream(int)} when the script is
 * empty), and the headers of every request are recorded. A stream numbers its events from the request's
 * {@code Last-Event-ID} on, so a client that resumes with the right id gets each event exactly once.
 */
final class ScriptedStreamHandler extends HttpHandler {

    /** The headers one request came with (null when absent). */
    record Received(String lastEventId, String authorization, String accept, String cacheControl) {
    }

    /** How to answer one request. */
    interface Answer {
        void write(ScriptedStreamHandler handler, long resumeAfter, Response response) throws Exception;
    }

    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Response> open = new CopyOnWriteArrayList<>();

    /**
     * {@code events} events after the client's {@code Last-Event-ID}, then the stream stays open (suspended, no thread
     * held) until the client leaves or the server stops.
     */
    static Answer stream(int events) {
        return stream(events, false, null);
    }

    /**
     * A stream: a comment line, a {@code retry:} if given, the events numbered after {@code Last-Event-ID}, then the
     * end of the response if {@code end}.
     */
    static Answer stream(int events, boolean end, Long retryMillis) {
        return (handler, after, response) -> {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            if (!end) {
                response.suspend(-1, TimeUnit.MILLISECONDS, new EmptyCompletionHandler<>());
                handler.open.add(response);
            }
            StringBuilder text = new StringBuilder(": open\n");
            if (retryMillis != null) {
                text.append("retry: ").append(retryMillis).append("\n\n");
            }
            for (long id = after + 1; id <= after + events; id++) {
                text.append("id: ").append(id).append("\nevent: note\ndata: note ").append(id).append("\n\n");
            }
            Writer writer = response.getWriter();
            writer.write(text.toString());
            writer.flush();
        };
    }

    /** An answer that is not a stream: a status, its headers and a body. */
    static Answer status(int status, String contentType, String body, Map<String, String> headers) {
        return (handler, after, response) -> {
            response.setStatus(status);
            headers.forEach(response::setHeader);
            if (contentType != null) {
                response.setContentType(contentType);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write(body);
            }
        };
    }

    /** Queues the answer to a coming request. */
    ScriptedStreamHandler then(Answer answer) {
        script.add(answer);
        return this;
    }

    /** The requests so far, oldest first. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * Writes a comment line to every stream left open, and counts those still there. Grizzly does not read from a
     * suspended connection, so a write is how the server learns that a client has gone (the first write after a
     * client's close may still succeed; a later one fails).
     */
    int pingOpenStreams() {
        for (Response response : open) {
            try {
                Writer writer = response.getWriter();
                writer.write(": ping\n");
                writer.flush();
            } catch (IOException | RuntimeException gone) {
                open.remove(response);
            }
        }
        return open.size();
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        String lastEventId = request.getHeader("Last-Event-ID");
        received.add(new Received(lastEventId, request.getHeader("Authorization"), request.getHeader("Accept"),
                request.getHeader("Cache-Control")));
        Answer answer = script.poll();
        long after = lastEventId == null ? 0 : Long.parseLong(lastEventId);
        (answer == null ? stream(3) : answer).write(this, after, response);
    }
}
