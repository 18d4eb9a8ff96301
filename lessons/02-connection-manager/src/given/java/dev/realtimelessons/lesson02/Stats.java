package dev.realtimelessons.lesson02;

import java.util.Map;

/**
 * A snapshot of the registry.
 *
 * @param connections open connections
 * @param users       distinct users among them
 * @param perUser     connections per user, sorted by user
 */
public record Stats(int connections, int users, Map<String, Integer> perUser) {
}
