package dev.realtimelessons.lesson09;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeName;

import dev.realtimelessons.lesson02.protocol.ServerMessage;

/**
 * {@code members} as a large room tells it: how many, and the names a page at a time, asked for. A joiner of a large
 * room gets the count alone ({@code users} and {@code next} left out); a {@code members} request gets a page.
 *
 * @param room  the room
 * @param count the room's members, on every server, each user once
 * @param users a page of them, sorted; null (left out) in a join's
 * @param next  the {@code after} of the next page: the page's last user; null (left out) after the last page
 */
@JsonTypeName("members")
public record MembersPage(String room, int count, List<String> users, String next) implements ServerMessage {

    /**
     * @param room  the room
     * @param count its members
     * @return the count alone, for a joiner
     */
    public static MembersPage countOnly(String room, int count) {
        return new MembersPage(room, count, null, null);
    }
}
