package dev.tgdl.time;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that runs {@code scale} times faster than real time. Shared by tgdl and the simulator
 * so that a simulated hour can pass in seconds while tgdl's own waits and windows shrink alike.
 */
final class ScaledTimeSource implements TimeSource {

    static final ScaledTimeSource SYSTEM = new ScaledTimeSource(1.0, null);

    private final double scale;
    private final long realOrigin;
    private final Instant epoch;

    ScaledTimeSource(double scale, Instant epoch) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("time scale must be a positive number, got " + scale);
        }
        this.scale = scale;
        this.realOrigin = System.nanoTime();
        this.epoch = epoch;
    }

    @Override
    public long nanos() {
        long real = System.nanoTime() - realOrigin;
        return scale == 1.0 ? real : (long) (real * scale);
    }

    @Override
    public Instant now() {
        if (epoch == null) {
            return Instant.now();
        }
        return epoch.plusNanos(nanos());
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        long real = toRealNanos(duration);
        if (real <= 0) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return;
        }
        Thread.sleep(Duration.ofNanos(real));
    }

    @Override
    public long toRealNanos(Duration duration) {
        long nanos = saturatedNanos(duration);
        return scale == 1.0 ? nanos : (long) (nanos / scale);
    }

    @Override
    public double scale() {
        return scale;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return scale == 1.0 ? "TimeSource[system]" : "TimeSource[x" + scale + "]";
    }
}
