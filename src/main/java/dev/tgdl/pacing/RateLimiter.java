package dev.tgdl.pacing;

import dev.tgdl.time.TimeSource;
import java.time.Duration;

/**
 * A token bucket on tgdl's clock: {@code rate} tokens per second, at most {@code burst} saved up.
 * Callers take a token before each API call, so tgdl paces itself before Telegram has to.
 * Fair in arrival order (a waiting caller reserves its token, later callers queue behind it).
 */
public final class RateLimiter {

    private final TimeSource clock;
    private double burst;
    private double ratePerSecond;
    private double tokens;
    private long lastRefill;

    public RateLimiter(TimeSource clock, double ratePerSecond, int burst) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + ratePerSecond + "/s, burst " + burst);
        }
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefill = clock.nanos();
    }

    /**
     * Takes one token, waiting on the clock until one is available.
     *
     * @return how long the caller waited
     */
    public Duration acquire() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            refill();
            tokens -= 1;
            // a negative balance is this caller's reservation: it waits until the bucket refills to it
            wait = tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / ratePerSecond * 1e9));
        }
        if (!wait.isZero()) {
            clock.sleep(wait);
        }
        return wait;
    }

    /** Takes a token if one is available now. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Changes the rate; saved tokens stay. */
    public synchronized void setRate(double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + ratePerSecond);
        }
        refill();
        this.ratePerSecond = ratePerSecond;
    }

    /** Changes the burst; saved tokens above it are dropped. */
    public synchronized void setBurst(int burst) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, got " + burst);
        }
        refill();
        this.burst = burst;
        tokens = Math.min(tokens, burst);
    }

    public synchronized double rate() {
        return ratePerSecond;
    }

    private void refill() {
        long now = clock.nanos();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * ratePerSecond);
        lastRefill = now;
    }
}
