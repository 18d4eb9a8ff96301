package dev.realtimelessons.lesson01;

/**
 * Reads a cursor ("the last event id I have") from a query parameter or an SSE {@code Last-Event-ID} header.
 *
 * <p>Omitted means "from now on". Anything else must be a whole number from 0 up to the feed's latest id, written
 * in ASCII digits and nothing else (no sign, no space: {@code ?since=+3} reaches the server as {@code " 3"}): a
 * cursor ahead of the feed usually means the client remembers a server that has since restarted, and it should
 * start again from 0 rather than wait for ids that will mean something else.
 */
public final class SinceParameter {

    private SinceParameter() {
    }

    /**
     * Parses a cursor.
     *
     * @param raw      the text, or null when absent
     * @param latestId the feed's latest id
     * @return the id after which to deliver
     * @throws BadRequest {@code invalid_since} for anything but digits naming a whole number in 0..latestId
     */
    public static long parse(String raw, long latestId) throws BadRequest {
        if (raw == null) {
            return latestId;
        }
        // Digits only, nothing stripped: a URL's "+3" arrives decoded as " 3", and is refused like "-1" or "3.0"
        if (raw.isEmpty() || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadRequest("invalid_since", "since must be a whole number of 0 or more, in digits only, got '"
                    + shorten(raw) + "'");
        }
        long since;
        try {
            since = Long.parseLong(raw);
        } catch (NumberFormatException tooLong) {
            throw new BadRequest("invalid_since", "since is too large: '" + shorten(raw) + "'");
        }
        if (since > latestId) {
            throw new BadRequest("invalid_since", "since=" + since + " is ahead of the feed, whose latest id is "
                    + latestId + "; start again from 0");
        }
        return since;
    }

    private static String shorten(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "...";
    }
}
