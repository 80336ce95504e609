package org.seedplan.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How instants are stored: ISO-8601 UTC text with exactly three fraction digits, so that text order is time order. */
public final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** The stored text of {@code t} (truncated to milliseconds), or {@code null}. */
    public static String format(Instant t) {
        return t == null ? null : FORMAT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The instant of stored text, or {@code null}. */
    public static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
