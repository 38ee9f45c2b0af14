package dev.tgdl.bench;

import dev.tgdl.config.Durations;
import dev.tgdl.download.Policies;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A download policy under test: a name and the configuration that selects it, given to the run as
 * TGDL_* environment variables, exactly as a user would set the {@code download.*} keys.
 *
 * @param name     as reported
 * @param settings config keys under {@code download.} and their values
 */
public record Policy(String name, Map<String, String> settings) {

    /** tgdl's default policy with its defaults: what {@code tgdl download} runs. */
    public static final Policy ADAPTIVE = new Policy("adaptive", Map.of("policy", "adaptive"));
    /** The original design's controller, as written: 2 workers, 0.5 s, up to 8 workers. */
    public static final Policy DESIGN = new Policy("design", Map.of("policy", "design", "workers", "2", "max_workers", "8",
            "initial_delay", "0.5s", "min_delay", "0.05s"));

    /** N files at a time, no pause: flood waits are waited out, nothing adapts. */
    public static Policy fixed(int workers) {
        return fixed("fixed-" + workers, workers, Duration.ZERO);
    }

    private static Policy fixed(String name, int workers, Duration delay) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("policy", "fixed");
        s.put("workers", String.valueOf(workers));
        s.put("max_workers", String.valueOf(workers));
        s.put("initial_delay", delay.toMillis() + "ms");
        s.put("min_delay", "0s");
        return new Policy(name, Map.copyOf(s));
    }

    /**
     * Parses a policy a user names: {@code adaptive}, {@code design}, {@code fixed-N},
     * {@code fixed:N:DELAY} (e.g. {@code fixed:4:0.5s}), {@code adaptive:MAX} (most files in flight).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Policy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String forms = "use adaptive, design, fixed-N, fixed:N:DELAY or adaptive:MAX";
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
                return fixed(text, Integer.parseInt(parts[1]), parts.length > 2 ? Durations.parse(parts[2]) : Duration.ZERO);
            }
            if (parts[0].equals("adaptive") && parts.length == 2) {
                return new Policy(text, Map.of("policy", "adaptive", "max_workers", String.valueOf(Integer.parseInt(parts[1]))));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad policy '" + text + "': " + e.getMessage() + "; " + forms, e);
        }
        throw new IllegalArgumentException("unknown policy '" + text + "': " + forms + " (policies: " + Policies.NAMES + ")");
    }

    /** The settings as TGDL_DOWNLOAD_* environment variables. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        settings.forEach((k, v) -> env.put("TGDL_DOWNLOAD_" + k.toUpperCase(Locale.ROOT), v));
        return env;
    }
}
