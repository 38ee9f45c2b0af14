package dev.tgdl.download;

import dev.tgdl.pacing.Jitter;
import dev.tgdl.pacing.Pacer;
import dev.tgdl.time.TimeSource;
import java.time.Duration;

/** {@code workers} files at a time, requests {@code delay} apart (jittered), whatever happens. */
final class FixedPolicy implements DownloadPolicy {

    private final int workers;
    private final Duration delay;
    private final Pacer pacer;
    private long successes;
    private long floods;

    FixedPolicy(TimeSource clock, Jitter jitter, int workers, Duration delay) {
        this.workers = workers;
        this.delay = delay;
        this.pacer = new Pacer(clock, jitter);
    }

    @Override
    public String name() {
        return "fixed-" + workers;
    }

    @Override
    public int maxFiles() {
        return workers;
    }

    @Override
    public long maxBytesInFlight() {
        return Long.MAX_VALUE;
    }

    @Override
    public void pace(int parts) throws InterruptedException {
        pacer.pass(delay);
    }

    @Override
    public synchronized void onDownloaded(Duration took) {
        successes++;
    }

    @Override
    public synchronized void onFlood(Duration wait) {
        floods++;
        successes = 0;
    }

    @Override
    public synchronized PolicyState state() {
        return new PolicyState(workers, delay, successes, floods, 0, 0, workers, workers, delay);
    }
}
