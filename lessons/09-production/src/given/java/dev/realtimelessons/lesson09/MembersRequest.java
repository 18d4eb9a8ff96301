package dev.realtimelessons.lesson09;

import com.fasterxml.jackson.annotation.JsonTypeName;

import dev.realtimelessons.lesson02.protocol.ClientRequest;
import dev.realtimelessons.lesson02.protocol.ErrorCode;
import dev.realtimelessons.lesson02.protocol.ProtocolError;
import dev.realtimelessons.lesson03.RoomName;

/**
 * {@code members}: a page of a room's members, sorted, for a member who wants the names a large room's join left
 * out (or any room's, page by page).
 *
 * @param room  the room, joined
 * @param after the last user of the previous page; null (absent) for the first page
 * @param limit how many at most, 1 to {@value #MAX_PAGE}; null (absent) for {@value #DEFAULT_PAGE}
 */
@JsonTypeName("members")
public record MembersRequest(@MayBeEmpty String room, @MayBeAbsent String after, Long limit)
        implements ClientRequest {

    /** The most users a page holds. */
    public static final int MAX_PAGE = 100;
    /** A page's size when the client does not say. */
    public static final int DEFAULT_PAGE = 50;

    @Override
    public void validate() throws ProtocolError {
        RoomName.valid(room);
        if (limit != null && (limit < 1 || limit > MAX_PAGE)) {
            throw new ProtocolError(ErrorCode.INVALID_FIELD, "limit must be from 1 to " + MAX_PAGE);
        }
    }

    /** @return the page's size */
    public int pageSize() {
        return limit == null ? DEFAULT_PAGE : limit.intValue();
    }
}
