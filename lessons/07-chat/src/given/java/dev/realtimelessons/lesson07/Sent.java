package dev.realtimelessons.lesson07;

/**
 * What storing a {@code publish} gave.
 *
 * @param message the stored message
 * @param retry   true when the sender had stored it already, under the same {@code client_msg_id}: it gets the
 *                same {@code seq}, and nobody gets the message a second time
 */
public record Sent(StoredMessage message, boolean retry) {
}
