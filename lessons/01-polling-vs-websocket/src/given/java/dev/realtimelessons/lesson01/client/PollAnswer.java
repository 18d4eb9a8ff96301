package dev.realtimelessons.lesson01.client;

import java.util.List;

import dev.realtimelessons.lesson01.feed.Event;

/**
 * The body of a {@code /poll} or {@code /long-poll} answer.
 *
 * @param events the events after the cursor that was sent, oldest first
 * @param last   the cursor to send next
 */
record PollAnswer(List<Event> events, long last) {
}
