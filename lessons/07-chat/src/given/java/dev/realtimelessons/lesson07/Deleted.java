package dev.realtimelessons.lesson07;

/**
 * What a {@code delete} gave.
 *
 * @param tombstone the message, deleted
 * @param now       true when this request deleted it; false when it was deleted already (a retry): nobody is told
 *                  a second time
 */
public record Deleted(StoredMessage tombstone, boolean now) {
}
