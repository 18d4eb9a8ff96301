package dev.realtimelessons.lesson06;

/**
 * What a server publishes for the others: one header line, then the message exactly as clients receive it, so that
 * the receiving servers send it on without parsing or serializing it again.
 *
 * <pre>
 * v1 node-7f3a 9b1c2d3e 42 ~
 * {"type":"message","room":"lobby","from":"ada","data":"hi","seq":42,"ts":1732255200000}
 * </pre>
 *
 * The header's fields: the format's version, the publishing server, then the room's epoch and the message's
 * {@code seq} ({@code ~} for messages that are not numbered: presence, typing, direct messages), then a user to
 * leave out ({@code ~} for none; a broadcast's {@code exclude_user}, a typist). {@code ~} is in no node id, epoch, number
 * or user name, so it cannot be mistaken for one. A room's unnumbered message with a user to leave out is that user's
 * own typing: their connections on every server are left out.
 *
 * @param node        the publishing server's id
 * @param epoch       the room's epoch, or null
 * @param seq         the message's {@code seq}, or -1 if not numbered
 * @param exceptUser  a user not to deliver to, or null
 * @param message     the message, serialized once by the publisher
 */
public record Envelope(String node, String epoch, long seq, String exceptUser, String message) {

    private static final String VERSION = "v1";
    private static final String NONE = "~"; // in no node id, epoch, number or user name

    /**
     * An envelope for a message that is not numbered.
     *
     * @param node    the publishing server
     * @param message the message
     * @return the envelope
     */
    public static Envelope plain(String node, String message) {
        return new Envelope(node, null, -1, null, message);
    }

    /**
     * Whether a payload was published by a server, read from its header alone: no decoding, no allocation.
     *
     * @param payload what {@link #encode()} made, or anything else
     * @param node    a server's id
     * @return true if the payload is an envelope of this version from that server
     */
    public static boolean publishedBy(String payload, String node) {
        int start = VERSION.length() + 1;
        return payload.startsWith(VERSION) && payload.length() > start + node.length()
                && payload.charAt(VERSION.length()) == ' ' && payload.startsWith(node, start)
                && payload.charAt(start + node.length()) == ' ';
    }

    /** @return whether the message carries a room's {@code seq} */
    public boolean numbered() {
        return seq >= 0;
    }

    /** @return the header line, a newline, and the message */
    public String encode() {
        return VERSION + ' ' + node + ' ' + orNone(epoch) + ' ' + (numbered() ? Long.toString(seq) : NONE) + ' '
                + orNone(exceptUser) + '\n' + message;
    }

    /**
     * Reads an envelope.
     *
     * @param payload what {@link #encode()} made
     * @return the envelope
     * @throws IllegalArgumentException if the payload is not an envelope of this version
     */
    public static Envelope decode(String payload) {
        int newline = payload.indexOf('\n');
        String[] header = newline < 0 ? new String[0] : payload.substring(0, newline).split(" ");
        if (header.length != 5 || !header[0].equals(VERSION)) {
            throw new IllegalArgumentException("not a " + VERSION + " envelope");
        }
        try {
            return new Envelope(header[1], orNull(header[2]), header[3].equals(NONE) ? -1 : Long.parseLong(header[3]),
                    orNull(header[4]), payload.substring(newline + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad seq in envelope: " + header[3], e);
        }
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }

    private static String orNull(String value) {
        return value.equals(NONE) ? null : value;
    }
}
