package dev.tgdl.bench;

import dev.tgdl.download.AdaptiveThrottle;
import dev.tgdl.download.FixedThrottle;
import dev.tgdl.download.ProbingThrottle;
import dev.tgdl.download.Throttle;
import dev.tgdl.download.ThrottleSettings;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.Locale;

/**
 * A download policy under test: a name and how to build its controller.
 *
 * @param name     as reported
 * @param kind     adaptive, design or fixed
 * @param settings workers, delays and bounds
 */
public record Policy(String name, String kind, ThrottleSettings settings) {

    /** tgdl's controller with its defaults. */
    public static final Policy ADAPTIVE = new Policy("adaptive", "adaptive", defaults(2, 16));
    /** DESIGN.md's controller, as written. */
    public static final Policy DESIGN = new Policy("design", "design", defaults(2, 8));

    private static ThrottleSettings defaults(int workers, int max) {
        return new ThrottleSettings(workers, max, Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofSeconds(60),
                true, "adaptive");
    }

    /** N files at a time, no pacing; flood waits are waited out, nothing adapts. */
    public static Policy fixed(int workers) {
        return new Policy("fixed-" + workers, "fixed", new ThrottleSettings(workers, Math.max(workers, 1), Duration.ZERO,
                Duration.ZERO, Duration.ofSeconds(60), false, "fixed"));
    }

    /**
     * Parses a policy a user names: {@code adaptive}, {@code design}, {@code fixed-N},
     * {@code fixed:N:DELAY} (e.g. {@code fixed:4:0.5s}), {@code adaptive:W:MAX} (start and most workers).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Policy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("adaptive")) {
                return ADAPTIVE;
            }
            if (t.equals("design")) {
                return DESIGN;
            }
            if (t.matches("fixed-\\d+")) {
                return fixed(Integer.parseInt(t.substring(6)));
            }
            String[] parts = t.split(":");
            if (parts[0].equals("fixed") && parts.length >= 2) {
                int workers = Integer.parseInt(parts[1]);
                Duration delay = parts.length > 2 ? dev.tgdl.config.Durations.parse(parts[2]) : Duration.ZERO;
                return new Policy(text, "fixed", new ThrottleSettings(workers, workers, delay, Duration.ZERO,
                        Duration.ofSeconds(60).plus(delay), false, "fixed"));
            }
            if ((parts[0].equals("adaptive") || parts[0].equals("design")) && parts.length == 3) {
                return new Policy(text, parts[0], defaults(Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad policy '" + text + "': " + e.getMessage()
                    + "; use adaptive, design, fixed-N, fixed:N:DELAY or adaptive:W:MAX", e);
        }
        throw new IllegalArgumentException("unknown policy '" + text + "': use adaptive, design, fixed-N, fixed:N:DELAY or adaptive:W:MAX");
    }

    /** The controller for one run. */
    public Throttle create(TimeSource clock) {
        return switch (kind) {
            case "adaptive" -> new ProbingThrottle(clock, settings);
            case "design" -> new AdaptiveThrottle(clock, settings);
            default -> new FixedThrottle(name, settings.workers(), settings.initialDelay());
        };
    }
}
