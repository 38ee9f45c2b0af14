package dev.tgdl.download;

import dev.tgdl.pacing.StopReason;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** Live counters of a run; thread-safe. {@link #report} turns them into the stats document. */
public final class DownloadStats {

    private final TimeSource clock;
    private final long started;
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong successes = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong floods = new AtomicLong();
    final AtomicLong explicitFloods = new AtomicLong();
    final AtomicLong inferredFloods = new AtomicLong();
    final DoubleAdder floodSeconds = new DoubleAdder();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong stalls = new AtomicLong();
    final AtomicLong planned = new AtomicLong();
    final AtomicLong plannedBytes = new AtomicLong();
    final AtomicLong activeBytes = new AtomicLong();
    final AtomicBoolean speedLimited = new AtomicBoolean();
    private final List<SourceStats> sources = new CopyOnWriteArrayList<>();

    public DownloadStats(TimeSource clock) {
        this.clock = clock;
        this.started = clock.nanos();
    }

    SourceStats source(String text) {
        SourceStats s = new SourceStats(text);
        sources.add(s);
        return s;
    }

    void flood(Duration wait, boolean explicit) {
        floods.incrementAndGet();
        (explicit ? explicitFloods : inferredFloods).incrementAndGet();
        floodSeconds.add(wait.toNanos() / 1e9);
    }

    /** Time since the run started. */
    public Duration elapsed() {
        return clock.since(started);
    }

    /** Files downloaded so far. */
    public long successes() {
        return successes.get();
    }

    /** Bytes of finished files plus bytes of files in flight. */
    public long bytesIncludingActive() {
        return bytes.get() + activeBytes.get();
    }

    public long failures() {
        return failed.get();
    }

    public long skippedCount() {
        return skipped.get();
    }

    public long floodCount() {
        return floods.get();
    }

    /** The stats document as of now. */
    public DownloadReport report(PolicyState throttle, String policy, StopReason stopped, String stoppedDetail) {
        double elapsed = elapsed().toNanos() / 1e9;
        long attempts = this.attempts.get();
        long ok = successes.get();
        long reqs = requests.get();
        return new DownloadReport(attempts, ok, skipped.get(), failed.get(), floods.get(), round(floodSeconds.sum()),
                attempts == 0 ? 1.0 : round(ok / (double) attempts), reqs == 0 ? 0.0 : round(floods.get() / (double) reqs),
                elapsed <= 0 ? 0.0 : round(ok / (elapsed / 60.0)), bytes.get(), round(elapsed), throttle.workers(),
                round(throttle.delay().toNanos() / 1e9), throttle.consecutiveSuccesses(), reqs, explicitFloods.get(),
                inferredFloods.get(), retries.get(), stalls.get(), planned.get(), plannedBytes.get(),
                new DownloadReport.Controller(policy, throttle.minWorkers(), throttle.maxWorkers(),
                        round(throttle.maxDelay().toNanos() / 1e9), throttle.shrinks(), throttle.grows()),
                speedLimited.get(), stopped, stopped == null ? null : stoppedDetail,
                sources.stream().map(SourceStats::snapshot).toList());
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
