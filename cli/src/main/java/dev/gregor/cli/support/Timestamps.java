package dev.gregor.cli.support;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Points in time as people type them: {@code 2024-05-01T12:00:00Z}, {@code 2024-05-01T14:00:00+02:00}, or without a
 * zone ({@code 2024-05-01T12:00}, {@code 2024-05-01}) in the machine's time zone.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /**
     * The instant {@code text} names.
     *
     * @throws DateTimeException if it names none
     */
    public static Instant parse(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeException withoutTime) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
        }
    }

    /** What {@link #parse} takes, for error messages. */
    public static final String FORMATS = "an ISO date-time like 2024-05-01T12:00:00Z (a zone offset, or none for this"
            + " machine's zone), or a date like 2024-05-01";
}
