package dev.tgdl.pacing;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Randomises waits so that many clients (or workers) that were told to wait the same time do not
 * all come back at the same instant. Seeded in tests and benchmarks for reproducible runs.
 */
public final class Jitter {

    private final RandomGenerator random;
    private final double low;
    private final double high;

    /** Multiplies by uniform({@code low}, {@code high}). */
    public Jitter(RandomGenerator random, double low, double high) {
        if (!(low > 0 && low <= high)) {
            throw new IllegalArgumentException("jitter bounds must satisfy 0 < low <= high, got " + low + ", " + high);
        }
        this.random = random;
        this.low = low;
        this.high = high;
    }

    /** The design's jitter: ×uniform(0.8, 1.2). */
    public static Jitter standard(RandomGenerator random) {
        return new Jitter(random, 0.8, 1.2);
    }

    /** {@code d} multiplied by a factor drawn uniformly from [low, high). */
    public Duration apply(Duration d) {
        double factor;
        synchronized (random) {
            factor = low == high ? low : random.nextDouble(low, high);
        }
        return Duration.ofNanos((long) (d.toNanos() * factor));
    }

    /** A duration drawn uniformly from [{@code from}, {@code to}). */
    public Duration between(Duration from, Duration to) {
        long a = from.toNanos();
        long b = to.toNanos();
        if (b <= a) {
            return from;
        }
        synchronized (random) {
            return Duration.ofNanos(random.nextLong(a, b));
        }
    }
}
