package dev.tgdl.download;

import dev.tgdl.pacing.Jitter;
import dev.tgdl.pacing.Pacer;
import dev.tgdl.time.TimeSource;
import java.time.Duration;

/**
 * The original design's controller, rule for rule, kept for comparison ({@code tgdl bench}):
 * <ul>
 *   <li>start at the configured workers and delay (2 and 0.5 s by default);
 *   <li>a flood wait of W: delay ×2.0 if W &gt; 10 s, ×1.8 if W &gt; 5 s, else ×1.5 (up to the
 *       maximum); one worker fewer (at least 1); the run of successes starts over;
 *   <li>a success counts; once 120 s have passed since the last flood (or the start) and 15 successes
 *       in a row: delay ×0.95 per success (down to the minimum), and one more worker on every 20th
 *       success (up to the maximum).
 * </ul>
 */
final class DesignPolicy implements DownloadPolicy {

    static final Duration QUIET_PERIOD = Duration.ofSeconds(120);
    static final int SUCCESSES_BEFORE_RECOVERY = 15;
    static final int SUCCESSES_PER_WORKER = 20;

    private final TimeSource clock;
    private final PolicySettings settings;
    private final Pacer pacer;
    private int workers;
    private long delayNanos;
    private long consecutive;
    private long lastFlood;
    private long floods;
    private long shrinks;
    private long grows;
    private int minWorkers;
    private int maxWorkers;
    private long maxDelayNanos;

    DesignPolicy(TimeSource clock, Jitter jitter, PolicySettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.pacer = new Pacer(clock, jitter);
        this.workers = settings.workers();
        this.delayNanos = clamp(settings.initialDelay().toNanos());
        this.lastFlood = clock.nanos();
        this.minWorkers = workers;
        this.maxWorkers = workers;
        this.maxDelayNanos = delayNanos;
    }

    @Override
    public String name() {
        return "design";
    }

    @Override
    public synchronized int maxFiles() {
        return workers;
    }

    @Override
    public long maxBytesInFlight() {
        return Long.MAX_VALUE;
    }

    @Override
    public void pace(int parts) throws InterruptedException {
        Duration delay;
        synchronized (this) {
            delay = Duration.ofNanos(delayNanos);
        }
        pacer.pass(delay);
    }

    @Override
    public synchronized void onDownloaded(Duration took) {
        consecutive++;
        boolean quiet = clock.nanos() - lastFlood >= QUIET_PERIOD.toNanos();
        if (quiet && consecutive >= SUCCESSES_BEFORE_RECOVERY) {
            delayNanos = clamp((long) (delayNanos * 0.95));
            if (consecutive % SUCCESSES_PER_WORKER == 0 && workers < settings.maxWorkers()) {
                workers++;
                grows++;
                maxWorkers = Math.max(maxWorkers, workers);
            }
        }
    }

    @Override
    public synchronized void onFlood(Duration wait) {
        long seconds = wait.toSeconds();
        double factor = seconds > 10 ? 2.0 : seconds > 5 ? 1.8 : 1.5;
        delayNanos = clamp((long) (Math.max(delayNanos, 1) * factor));
        workers = Math.max(1, workers - 1);
        consecutive = 0;
        lastFlood = clock.nanos();
        floods++;
        shrinks++;
        minWorkers = Math.min(minWorkers, workers);
        maxDelayNanos = Math.max(maxDelayNanos, delayNanos);
    }

    private long clamp(long nanos) {
        return Math.max(settings.minDelay().toNanos(), Math.min(settings.maxDelay().toNanos(), nanos));
    }

    @Override
    public synchronized PolicyState state() {
        return new PolicyState(workers, Duration.ofNanos(delayNanos), consecutive, floods, shrinks, grows, minWorkers,
                maxWorkers, Duration.ofNanos(maxDelayNanos));
    }
}
