package dev.realtimelessons.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;

/**
 * One loopback client of the load generator: counts the room messages it gets and records each one's latency
 * (receive time minus the send time the publisher put in {@code data.sent}, both from this process's
 * {@code System.nanoTime()}). It finds the timestamp with a substring search instead of a JSON parser, so that the
 * client spends as little CPU per delivery as it can: only room messages carry {@code "sent":}.
 */
final class Subscriber implements WebSocket.Listener {

    /** The longest latency the histograms record: 60 s, in microseconds; longer ones are clamped to it. */
    static final long MAX_MICROS = 60_000_000L;
    private static final String SENT = "\"sent\":";

    private final Recorder latency;
    private final AtomicLong delivered;
    private final CountDownLatch firstMessage;
    private final CountDownLatch opened;
    private StringBuilder partial;
    private boolean seen;

    /**
     * @param latency      where latencies go, in microseconds
     * @param delivered    counts every room message of every subscriber
     * @param firstMessage counted down once, on this subscriber's first room message
     * @param opened       counted down once the connection is open
     */
    Subscriber(Recorder latency, AtomicLong delivered, CountDownLatch firstMessage, CountDownLatch opened) {
        this.latency = latency;
        this.delivered = delivered;
        this.firstMessage = firstMessage;
        this.opened = opened;
    }

    @Override
    public void onOpen(WebSocket socket) {
        opened.countDown();
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        if (!last || partial != null) {
            if (partial == null) {
                partial = new StringBuilder();
            }
            partial.append(data);
            if (!last) {
                socket.request(1);
                return null;
            }
            data = partial;
            partial = null;
        }
        String text = data.toString();
        int at = text.indexOf(SENT);
        if (at >= 0) {
            long sent = parseLong(text, at + SENT.length());
            latency.recordValue(Math.min(MAX_MICROS, Math.max(0, (now - sent) / 1_000)));
            delivered.incrementAndGet();
            if (!seen) {
                seen = true;
                firstMessage.countDown();
            }
        }
        socket.request(1);
        return CompletableFuture.completedFuture(null);
    }

    private static long parseLong(String text, int from) {
        long value = 0;
        boolean negative = from < text.length() && text.charAt(from) == '-';
        int i = negative ? from + 1 : from;
        for (; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return negative ? -value : value;
    }
}
