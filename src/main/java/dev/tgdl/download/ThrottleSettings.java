package dev.tgdl.download;

import java.time.Duration;

/**
 * Bounds and starting point of the controller.
 *
 * @param workers      starting workers
 * @param maxWorkers   most workers (≤ 32)
 * @param initialDelay starting pause before each request
 * @param minDelay     smallest pause
 * @param maxDelay     largest pause
 * @param adaptive     false: fixed at the starting point
 * @param policy       "adaptive" or "design"
 */
public record ThrottleSettings(int workers, int maxWorkers, Duration initialDelay, Duration minDelay, Duration maxDelay,
                               boolean adaptive, String policy) {

    public ThrottleSettings {
        if (maxWorkers < 1 || maxWorkers > 32) {
            throw new IllegalArgumentException("max workers must be 1..32, got " + maxWorkers);
        }
        if (workers < 1 || workers > 32) {
            throw new IllegalArgumentException("workers must be 1..32, got " + workers);
        }
        if (minDelay.isNegative() || minDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= min <= max, got " + minDelay + ", " + maxDelay);
        }
    }

    /** The design's defaults: 2 workers, 0.5 s, up to 8 workers, 0.05..60 s. */
    public static ThrottleSettings defaults() {
        return new ThrottleSettings(2, 8, Duration.ofMillis(500), Duration.ofMillis(50), Duration.ofSeconds(60), true,
                "adaptive");
    }
}
