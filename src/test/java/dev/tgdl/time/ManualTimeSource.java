package dev.tgdl.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock driven by the test: {@link #sleep} returns at once after moving time forward, so
 * single-threaded logic with waits (controllers, limiters, retry schedules) runs instantly and
 * deterministically. Code that waits for other threads is tested on a {@link VirtualClock} instead
 * ({@link VirtualTime}); this clock refuses monitors.
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
    public <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException {
        return future.get();
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!future.isDone()) {
            advance(timeout);
            throw new TimeoutException("not done (manual time moved " + timeout + ")");
        }
        return future.get();
    }

    @Override
    public Monitor newMonitor() {
        throw new UnsupportedOperationException("a manual clock has no monitors: test threads on a VirtualClock");
    }

    @Override
    public Thread startThread(String name, boolean virtual, Runnable task) {
        return Thread.ofVirtual().name(name).start(task);
    }

    @Override
    public Participation participate() {
        return () -> {
        };
    }

    @Override
    public void interrupt(Thread thread) {
        thread.interrupt();
    }
}
