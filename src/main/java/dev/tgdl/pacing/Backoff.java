package dev.tgdl.pacing;

import java.time.Duration;

/**
 * The back-off after network errors: uniform(3, 8) s at first, then twice the previous wait
 * (jittered), at most 5 minutes.
 */
public final class Backoff {

    static final Duration FIRST_MIN = Duration.ofSeconds(3);
    static final Duration FIRST_MAX = Duration.ofSeconds(8);
    static final Duration MAX = Duration.ofMinutes(5);

    private final Jitter jitter;

    public Backoff(Jitter jitter) {
        this.jitter = jitter;
    }

    /** The wait after {@code previous} (zero for the first failure). */
    public Duration next(Duration previous) {
        if (previous.isZero()) {
            return jitter.between(FIRST_MIN, FIRST_MAX);
        }
        Duration doubled = jitter.apply(previous.multipliedBy(2));
        return doubled.compareTo(MAX) > 0 ? MAX : doubled;
    }
}
