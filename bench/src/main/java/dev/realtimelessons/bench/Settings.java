package dev.realtimelessons.bench;

import java.time.Duration;

/**
 * The sizes and times of one harness session, shared by every case.
 *
 * @param subscribers  subscribers of the one-room case
 * @param rooms        rooms of the many-rooms case
 * @param roomSize     subscribers per room of the many-rooms case
 * @param idle         connections of the idle case
 * @param fixedRate    deliveries per second of the fixed-rate phase
 * @param warmup       flat out before anything is measured
 * @param duration     each measured phase
 * @param window       messages per room the flat-out publisher lets be undelivered
 * @param selectors    HTTP clients (each one selector thread) the subscribers are spread over
 * @param clientLimit  the client's CPU, in cores, from which a run counts as client-limited
 */
record Settings(int subscribers, int rooms, int roomSize, int idle, int fixedRate, Duration warmup,
                Duration duration, int window, int selectors, double clientLimit) {
}
