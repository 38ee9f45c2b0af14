package dev.tgdl.download;

import java.time.Duration;

/**
 * Which download policy, with its bounds and starting point.
 *
 * @param policy       a name {@link Policies} knows: adaptive, design or fixed
 * @param workers      files in flight to start with (fixed: always)
 * @param maxWorkers   files in flight at most (≤ 32)
 * @param initialDelay pause between file requests to start with (design, fixed)
 * @param minDelay     smallest pause (design)
 * @param maxDelay     largest pause (design)
 */
public record PolicySettings(String policy, int workers, int maxWorkers, Duration initialDelay, Duration minDelay,
                             Duration maxDelay) {

    public PolicySettings {
        Policies.check(policy);
        if (maxWorkers < 1 || maxWorkers > 32) {
            throw new IllegalArgumentException("--max-workers must be 1..32, got " + maxWorkers);
        }
        if (workers < 1 || workers > 32) {
            throw new IllegalArgumentException("--workers must be 1..32, got " + workers);
        }
        if (workers > maxWorkers) {
            throw new IllegalArgumentException("--workers " + workers + " is above --max-workers " + maxWorkers);
        }
        if (minDelay.isNegative() || minDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("--min-delay and --max-delay must satisfy 0 <= min <= max, got "
                    + minDelay.toMillis() + " ms and " + maxDelay.toMillis() + " ms");
        }
    }

    /** tgdl's defaults: adaptive, 2 to 16 files, 0.5 s to start (design), 0.01..60 s. */
    public static PolicySettings defaults() {
        return new PolicySettings("adaptive", 2, 16, Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofSeconds(60));
    }
}
