package dev.tgdl.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human durations: {@code 500ms}, {@code 1.5s}, {@code 50m}, {@code 2h}, {@code 1h30m}, {@code 1d};
 * a bare number is seconds.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with the accepted forms when {@code text} is not one
     */
    public static Duration parse(String text) {
        try {
            return parseChecked(text);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long; use at most 106751d");
        }
    }

    private static Duration parseChecked(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (NUMBER.matcher(s).matches()) {
            return Duration.ofNanos(nanos(new BigDecimal(s)));
        }
        if (!WHOLE.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 500ms, 1.5s, 50m, 2h, 1h30m");
        }
        long total = 0;
        Matcher m = PART.matcher(s);
        while (m.find()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            BigDecimal seconds = switch (m.group(2)) {
                case "ms" -> amount.movePointLeft(3);
                case "s" -> amount;
                case "m" -> amount.multiply(BigDecimal.valueOf(60));
                case "h" -> amount.multiply(BigDecimal.valueOf(3600));
                default -> amount.multiply(BigDecimal.valueOf(86400));
            };
            total = Math.addExact(total, nanos(seconds));
        }
        return Duration.ofNanos(total);
    }

    /** Whole nanoseconds; too many for a long (292 years) is an ArithmeticException. */
    private static long nanos(BigDecimal seconds) {
        return seconds.movePointRight(9).toBigInteger().longValueExact();
    }

    /** Formats compactly for people: {@code 850ms}, {@code 12.5s}, {@code 3m20s}, {@code 2h05m}. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            double s = millis / 1000.0;
            return (s == Math.floor(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s)) + "s";
        }
        long seconds = d.toSeconds();
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
