package dev.tgdl.download;

import java.time.Duration;

/** Fixed workers and delay, whatever happens ({@code --no-adaptive}, and the benchmark's fixed policies). */
public final class FixedThrottle implements Throttle {

    private final String name;
    private final int workers;
    private final Duration delay;
    private long successes;
    private long floods;

    public FixedThrottle(String name, int workers, Duration delay) {
        if (workers < 1 || workers > 32) {
            throw new IllegalArgumentException("workers must be 1..32, got " + workers);
        }
        this.name = name;
        this.workers = workers;
        this.delay = delay;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public Duration delay() {
        return delay;
    }

    @Override
    public synchronized void onSuccess() {
        successes++;
    }

    @Override
    public synchronized void onFlood(Duration wait) {
        floods++;
        successes = 0;
    }

    @Override
    public synchronized ThrottleState state() {
        return new ThrottleState(workers, delay, successes, floods, 0, 0, workers, workers, delay);
    }
}
