package dev.tgdl.pacing;

import java.time.Duration;

/**
 * The usual duration of a kind of call (an exponentially weighted moving average), to tell a call
 * TDLib held back for a flood wait from an ordinary one.
 */
public final class LatencyTracker {

    private static final double WEIGHT = 0.1;
    private double typicalNanos;

    public LatencyTracker(Duration initial) {
        this.typicalNanos = initial.toNanos();
    }

    public synchronized void record(Duration took) {
        typicalNanos += WEIGHT * (took.toNanos() - typicalNanos);
    }

    public synchronized Duration typical() {
        return Duration.ofNanos((long) typicalNanos);
    }

    /** Whether {@code took} is above {@code floor} and {@code factor} × the usual duration. */
    public synchronized boolean isSlow(Duration took, Duration floor, double factor) {
        return took.compareTo(floor) > 0 && took.toNanos() > factor * typicalNanos;
    }
}
