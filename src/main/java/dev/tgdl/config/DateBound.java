package dev.tgdl.config;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * One end of a date range as people type it: a day ({@code 2024-05-01}, from midnight), a local
 * date-time ({@code 2024-05-01T12:00}), or an instant ({@code 2024-05-01T12:00:00Z},
 * {@code 2024-05-01T12:00:00+02:00}). The first two mean a time in the archive's zone, which the
 * configuration decides, so the point is fixed only by {@link #in(ZoneId)}.
 */
public sealed interface DateBound {

    /** The accepted forms, for messages. */
    String FORMS = "2024-05-01, 2024-05-01T12:00 or 2024-05-01T12:00:00Z";

    /** The instant this bound is in {@code zone}. */
    Instant in(ZoneId zone);

    /**
     * A day: from its midnight.
     *
     * @param date the day
     */
    record Day(LocalDate date) implements DateBound {
        @Override
        public Instant in(ZoneId zone) {
            return date.atStartOfDay(zone).toInstant();
        }
    }

    /**
     * A date and time of day without a zone.
     *
     * @param dateTime the wall-clock time
     */
    record Local(LocalDateTime dateTime) implements DateBound {
        @Override
        public Instant in(ZoneId zone) {
            return dateTime.atZone(zone).toInstant();
        }
    }

    /**
     * An instant: the zone does not matter.
     *
     * @param instant the instant
     */
    record At(Instant instant) implements DateBound {
        @Override
        public Instant in(ZoneId zone) {
            return instant;
        }
    }

    /**
     * Parses a bound.
     *
     * @throws IllegalArgumentException with the accepted forms when {@code text} is not one
     */
    static DateBound parse(String text) {
        String s = text.strip();
        try {
            if (s.length() == 10) {
                return new Day(LocalDate.parse(s));
            }
            if (s.endsWith("Z") || Pattern.compile("[+-]\\d{2}:\\d{2}$").matcher(s).find()) {
                return new At(OffsetDateTime.parse(s).toInstant());
            }
            return new Local(LocalDateTime.parse(s));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date; use e.g. " + FORMS);
        }
    }
}
