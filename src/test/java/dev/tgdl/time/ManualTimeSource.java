package dev.tgdl.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock driven by the test: {@link #sleep} returns at once after moving time forward, so
 * single-threaded logic with waits (controllers, limiters, retry schedules) runs instantly and
 * deterministically.
 */
public final class ManualTimeSource implements TimeSource {

    private final Instant epoch;
    private final AtomicLong nanos = new AtomicLong();

    public ManualTimeSource() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualTimeSource(Instant epoch) {
        this.epoch = epoch;
    }

    /** Moves time forward. */
    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(nanos.get());
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!duration.isNegative()) {
            advance(duration);
        }
    }

    @Override
    public long toRealNanos(Duration duration) {
        return 0;
    }

    @Override
    public double scale() {
        return Double.POSITIVE_INFINITY;
    }
}
