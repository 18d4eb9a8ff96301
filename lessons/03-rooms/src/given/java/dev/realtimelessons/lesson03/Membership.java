package dev.realtimelessons.lesson03;

/**
 * The result of joining or leaving a room.
 *
 * @param room     the room
 * @param presence true when the user's presence changed: the first of their connections joined, or the last left
 */
public record Membership(Room room, boolean presence) {
}
