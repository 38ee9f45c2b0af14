package dev.tgdl.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The one clock of tgdl. Every wait, timestamp and measured duration in engine code goes through it,
 * never through {@code Thread.sleep}, {@code System.nanoTime} or {@code Instant.now()}, so that the
 * simulator can run time faster than the wall clock and tests can drive time by hand.
 *
 * <p>Durations passed to and returned by a time source are in its own (possibly scaled) time.
 * Code that must hand a timeout to a JDK API that waits in real time (a {@code Future.get}, a
 * {@code Condition.await}) converts it with {@link #toRealNanos(Duration)}.
 */
public interface TimeSource {

    /** Monotonic nanoseconds in this source's time, for measuring durations. */
    long nanos();

    /** The current instant in this source's time. */
    Instant now();

    /**
     * Waits for {@code duration} of this source's time.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Real nanoseconds that pass while {@code duration} passes in this source's time. */
    long toRealNanos(Duration duration);

    /** How many of this source's seconds pass per real second (1 for the system clock). */
    double scale();

    /** Duration since {@code startNanos}, a value previously returned by {@link #nanos()}. */
    default Duration since(long startNanos) {
        return Duration.ofNanos(nanos() - startNanos);
    }

    /** The wall clock, unscaled. */
    static TimeSource system() {
        return ScaledTimeSource.SYSTEM;
    }

    /**
     * A clock running {@code scale} times faster than the wall clock, starting at the current
     * wall-clock instant.
     */
    static TimeSource scaled(double scale) {
        return new ScaledTimeSource(scale, Instant.now());
    }

    /**
     * A clock running {@code scale} times faster than the wall clock since {@code anchor}: its
     * {@link #now()} is {@code anchor + scale × (wall clock − anchor)}. Processes that share an
     * anchor share one simulated timeline, so times one of them stored (a retry due at 10:05) mean
     * the same to the next.
     */
    static TimeSource anchored(double scale, Instant anchor) {
        Instant wall = Instant.now();
        Duration sinceAnchor = Duration.between(anchor, wall);
        Instant start = anchor.plusNanos((long) (Math.max(0, sinceAnchor.toNanos()) * scale));
        return new ScaledTimeSource(scale, start);
    }
}
