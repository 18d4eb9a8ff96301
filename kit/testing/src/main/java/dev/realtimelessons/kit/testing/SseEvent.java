package dev.realtimelessons.kit.testing;

/**
 * One Server-Sent Event as a browser's {@code EventSource} would dispatch it.
 *
 * @param id    the last {@code id:} seen up to and including this event, or {@code null} if none
 * @param event the {@code event:} name, {@code "message"} when absent
 * @param data  the {@code data:} lines joined with newlines
 */
public record SseEvent(String id, String event, String data) {
}
