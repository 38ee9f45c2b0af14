package dev.tgdl.pacing;

import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * A rate limit learned from Telegram's flood waits, for one kind of request (API calls of the
 * account, or file parts of one data centre). It knows nothing until the first wait: then the rate
 * that was being sent is what the limit is below. The rule:
 *
 * <ul>
 *   <li><b>Back off to just under the limit.</b> A wait means the rate sent over the last
 *       {@value #WINDOW_SECONDS} s outran the limit: the ceiling becomes {@value #CEILING} of it and
 *       the rate {@value #BACKOFF} of it ({@value #BACKOFF_LONG} for a wait over a minute, which
 *       means the client pushed on through shorter ones). One wait is one episode: waits met within
 *       the next {@value #EPISODE_SECONDS} s (the other requests that were in flight) change nothing.</li>
 *   <li><b>Probe up carefully.</b> Only while the limiter is what holds the work back, after
 *       {@value #QUIET_SECONDS} s without a wait: +{@value #STEP_PERCENT}% a time, never above the ceiling;
 *       the ceiling itself rises {@value #STEP_PERCENT}% per {@value #QUIET_SECONDS} s without a wait,
 *       so limits that relaxed are found again without meeting escalating waits often.</li>
 *   <li><b>Remember.</b> {@link #learned()} is saved with the profile; the next run starts there,
 *       just below the limit, instead of rediscovering it through waits.</li>
 * </ul>
 * Thread-safe; the token bucket it steers is {@link #limiter()}.
 */
public final class LearnedRate {

    static final int WINDOW_SECONDS = 20;
    static final double CEILING = 0.9;
    static final double BACKOFF = 0.6;
    static final double BACKOFF_LONG = 0.4;
    static final int EPISODE_SECONDS = 30;
    static final int QUIET_SECONDS = 60;
    static final int STEP_PERCENT = 5;
    private static final double UNLIMITED = 1_000_000;

    private final TimeSource clock;
    private final RateLimiter limiter;
    private final double minRate;
    private final long[] sent = new long[4096];
    private int sentCount;
    private double rate;
    private double ceiling = Double.POSITIVE_INFINITY;
    private long lastFlood = Long.MIN_VALUE;
    private long lastStep;
    private long limitedSince = Long.MIN_VALUE;
    private long floods;

    /**
     * @param start   a rate learned before, or empty: no limit until the first wait
     * @param minRate the least rate it ever backs off to
     * @param burst   the bucket's burst
     */
    public LearnedRate(TimeSource clock, OptionalDouble start, double minRate, int burst) {
        this.clock = clock;
        this.minRate = minRate;
        this.rate = start.orElse(UNLIMITED);
        if (start.isPresent()) {
            this.ceiling = start.getAsDouble() / BACKOFF * CEILING;
        }
        this.limiter = new RateLimiter(clock, rate, burst);
        this.lastStep = clock.nanos();
    }

    /** The token bucket: one token per request (or per part). */
    public RateLimiter limiter() {
        return limiter;
    }

    /** Takes {@code n} tokens, waiting as needed, and counts them as sent. */
    public void acquire(int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            Duration waited = limiter.acquire();
            record(!waited.isZero());
        }
    }

    private synchronized void record(boolean waited) {
        long now = clock.nanos();
        sent[sentCount % sent.length] = now;
        sentCount++;
        if (waited) {
            if (limitedSince == Long.MIN_VALUE) {
                limitedSince = now;
            }
            probe(now);
        } else {
            limitedSince = Long.MIN_VALUE;
        }
    }

    /** Telegram imposed a wait: the rate in force outran the limit. */
    public synchronized void onFlood(Duration wait) {
        long now = clock.nanos();
        floods++;
        boolean sameEpisode = lastFlood != Long.MIN_VALUE && now - lastFlood < Duration.ofSeconds(EPISODE_SECONDS).toNanos();
        lastFlood = now;
        lastStep = now;
        if (sameEpisode) {
            return;
        }
        double outran = Math.min(rate, sentRate(now));
        ceiling = Math.min(ceiling, Math.max(minRate, outran * CEILING));
        double factor = wait.toSeconds() > 60 ? BACKOFF_LONG : BACKOFF;
        rate = Math.max(minRate, Math.min(ceiling, outran * factor));
        limiter.setRate(rate);
    }

    private void probe(long now) {
        long quiet = Duration.ofSeconds(QUIET_SECONDS).toNanos();
        if (lastFlood == Long.MIN_VALUE || now - lastStep < quiet || now - limitedSince < quiet) {
            return;
        }
        lastStep = now;
        ceiling *= 1 + STEP_PERCENT / 100.0;
        rate = Math.min(ceiling, rate * (1 + STEP_PERCENT / 100.0));
        limiter.setRate(rate);
    }

    /** Requests per second sent over the last {@value #WINDOW_SECONDS} seconds. */
    synchronized double sentRate(long now) {
        long since = now - Duration.ofSeconds(WINDOW_SECONDS).toNanos();
        int n = 0;
        long oldest = now;
        for (int i = 0; i < Math.min(sentCount, sent.length); i++) {
            long t = sent[(sentCount - 1 - i) % sent.length];
            if (t < since) {
                break;
            }
            n++;
            oldest = t;
        }
        return n / Math.max(1.0, (now - oldest) / 1e9);
    }

    /** The rate now (requests per second; very large before the first wait). */
    public synchronized double rate() {
        return rate;
    }

    /** What was learned, to start the next run with: empty until a wait was met. */
    public synchronized OptionalDouble learned() {
        return Double.isInfinite(ceiling) ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    /** Waits that reached this rate. */
    public synchronized long floods() {
        return floods;
    }
}
