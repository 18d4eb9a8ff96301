package dev.realtimelessons.lesson08;

/**
 * What {@code inbox-append.lua} publishes on an inbox's channel: the entry's id, its event, the user it is not for
 * (empty for none) and its data, one per line: {@code id \n event \n except \n data}. The data is one JSON object,
 * which has no line break, so it may come last and the split is unambiguous.
 */
public final class Published {

    private Published() {
    }

    /**
     * Reads a payload.
     *
     * @param source  the inbox it came from
     * @param payload what was published
     * @return the entry
     * @throws IllegalArgumentException if it is not four fields
     */
    public static InboxEntry decode(InboxEntry.Source source, String payload) {
        String[] fields = payload.split("\n", 4);
        if (fields.length != 4 || !StreamIds.valid(fields[0])) {
            throw new IllegalArgumentException("not an inbox entry");
        }
        return new InboxEntry(source, fields[0], fields[1], fields[3], fields[2].isEmpty() ? null : fields[2]);
    }
}
