package dev.realtimelessons.lesson08;

import java.util.Locale;

/** What a notification is about, which a page shows as its colour and icon. */
public enum NotificationType {
    /** Something happened. */
    INFO,
    /** Something the user did worked. */
    SUCCESS,
    /** Something needs attention. */
    WARNING,
    /** Something failed. */
    ERROR;

    /** @return the name on the wire, for example {@code "info"} */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
