package dev.realtimelessons.lesson05.client;

/**
 * What one resuming {@code join} achieved: a {@code join} that carried {@code since}, sent after a reconnect
 * (or when a room is joined again), has been acknowledged with {@code recovered}.
 *
 * <p>{@code recovered == false} is the one outcome the application must act on: the client could not deliver a
 * continuous history, so the application reloads the room from its source of truth (its database, through a
 * REST API) instead of showing a history with a hole in it. The room goes on, live, in the new numbering.
 *
 * @param room      the room
 * @param recovered true if the server replayed everything after {@code since}: no message was lost. False if it
 *                  could not (the room's epoch changed, or the gap was longer than the server's history): the
 *                  room's recent history was delivered instead, and messages may be missing
 * @param replayed  how many messages this join delivered to the room message handlers
 * @param epoch     the room's epoch from now on, or null if the server sends none
 */
public record Recovery(String room, boolean recovered, int replayed, String epoch) {
}
