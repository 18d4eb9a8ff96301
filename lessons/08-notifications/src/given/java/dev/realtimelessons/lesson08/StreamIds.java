package dev.realtimelessons.lesson08;

import java.util.regex.Pattern;

/** Redis stream ids ({@code <milliseconds>-<counter>}): checked, and compared as Redis orders them. */
public final class StreamIds {

    /** The id before every id: "nothing seen yet". */
    public static final String ZERO = "0-0";

    private static final Pattern ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

    private StreamIds() {
    }

    /**
     * @param id a candidate
     * @return whether it is a complete stream id
     */
    public static boolean valid(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return false;
        }
        int dash = id.indexOf('-');
        return fits(id.substring(0, dash)) && fits(id.substring(dash + 1));
    }

    /**
     * Compares two ids as Redis orders them: by time, then by counter.
     *
     * @param a a valid id
     * @param b a valid id
     * @return negative, zero or positive
     */
    public static int compare(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, dashA)),
                Long.parseUnsignedLong(b.substring(0, dashB)));
        return byTime != 0 ? byTime : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(dashA + 1)),
                Long.parseUnsignedLong(b.substring(dashB + 1)));
    }

    private static boolean fits(String digits) {
        try {
            Long.parseUnsignedLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
