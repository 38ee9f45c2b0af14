package dev.tgdl.download;

import dev.tgdl.pacing.Jitter;
import dev.tgdl.time.TimeSource;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The one registry of download policies, used by the configuration, the command line and the
 * benchmark alike:
 * <ul>
 *   <li>{@code adaptive} ({@link AdaptivePolicy}, the default): files in flight steered by bytes in
 *       flight, new files paced by a part rate learned from flood waits and remembered per chat;</li>
 *   <li>{@code design} ({@link DesignPolicy}): the original design's rules on workers and delay;</li>
 *   <li>{@code fixed} ({@link FixedPolicy}, or {@code --no-adaptive}): {@code workers} files, {@code
 *       initial_delay} apart, whatever happens.</li>
 * </ul>
 */
public final class Policies {

    /** The names, in the order help and errors list them. */
    public static final List<String> NAMES = List.of("adaptive", "design", "fixed");

    private Policies() {
    }

    /**
     * Checks a policy name.
     *
     * @throws IllegalArgumentException naming the accepted ones
     */
    public static String check(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(n)) {
            throw new IllegalArgumentException("unknown download policy '" + name + "': use " + String.join(", ", NAMES));
        }
        return n;
    }

    /**
     * What a policy starts from besides its settings.
     *
     * @param premium  the account has Premium (TDLib keeps 8 times the bytes in flight)
     * @param partRate a part rate learned by an earlier run on this chat, if any
     */
    public record Start(boolean premium, OptionalDouble partRate) {
        public static final Start FRESH = new Start(false, OptionalDouble.empty());
    }

    /** The policy of one run. */
    public static DownloadPolicy create(PolicySettings settings, TimeSource clock, Jitter jitter, Start start) {
        return switch (check(settings.policy())) {
            case "adaptive" -> new AdaptivePolicy(clock, settings, start);
            case "design" -> new DesignPolicy(clock, jitter, settings);
            default -> new FixedPolicy(clock, jitter, settings.workers(), settings.initialDelay());
        };
    }
}
