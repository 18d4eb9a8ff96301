package dev.realtimelessons.lesson01.feed;

/**
 * One price tick: the unit every technique in this lesson delivers.
 *
 * @param id     its position in the feed: 1, 2, 3, ... with no gaps
 * @param symbol the instrument, for example {@code ACME}
 * @param price  the price, two decimals
 * @param ts     when the feed published it, in microseconds since the epoch (clients measure latency against it)
 */
public record Event(long id, String symbol, double price, long ts) {
}
