package dev.tgdl.pacing;

import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rate limit learned from Telegram's flood waits, for one kind of request (API calls of the
 * account, or file parts of one data centre). It knows nothing until the first wait: then the rate
 * that was being sent is what the limit is below. The rule:
 *
 * <ul>
 *   <li><b>Back off to just under the limit.</b> A wait means the rate sent over the last
 *       {@value #WINDOW_SECONDS} s outran the limit: the ceiling becomes {@value #CEILING} of it and
 *       the rate {@value #FIRST_BACKOFF} of it at the first wait (a first rate is a burst, mostly), then
 *       {@value #BACKOFF} ({@value #BACKOFF_LONG} for a wait over a minute, which means the client
 *       pushed on through shorter ones). Waits met within {@value #EPISODE_SECONDS} s of one another
 *       (the other requests that were in flight) are one.</li>
 *   <li><b>Probe up carefully.</b> Only while the limiter is what holds the work back, every
 *       {@value #QUIET_SECONDS} s without a wait: +{@value #STEP_PERCENT}% a time, never above the ceiling;
 *       the ceiling itself rises as much once {@value #CEILING_QUIET_SECONDS} s have passed without a
 *       wait, so limits that relaxed are found again without meeting escalating waits often.</li>
 *   <li><b>Remember.</b> {@link #learned()} is saved with the profile; the next run starts there,
 *       just below the limit, instead of rediscovering it through waits.</li>
 * </ul>
 * Thread-safe; the token bucket it steers is {@link #limiter()}.
 */
public final class LearnedRate {

    private static final Logger LOG = LoggerFactory.getLogger(LearnedRate.class);
    static final int WINDOW_SECONDS = 20;
    static final double CEILING = 0.9;
    static final double FIRST_BACKOFF = 0.5;
    static final double BACKOFF = 0.7;
    static final double BACKOFF_LONG = 0.4;
    static final int EPISODE_SECONDS = 5;
    static final int QUIET_SECONDS = 10;
    static final int STEP_PERCENT = 20;
    static final int CEILING_QUIET_SECONDS = 30;
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
    private long backoffs;
    private long raises;
    private double slowest;
    private final int burst;

    /**
     * @param start   a rate learned before, or empty: no limit until the first wait
     * @param minRate the least rate it ever backs off to
     * @param burst   the bucket's burst
     */
    public LearnedRate(TimeSource clock, OptionalDouble start, double minRate, int burst) {
        this.clock = clock;
        this.minRate = minRate;
        this.rate = start.orElse(UNLIMITED);
        this.slowest = rate;
        if (start.isPresent()) {
            this.ceiling = start.getAsDouble() / BACKOFF * CEILING;
            this.lastFlood = clock.nanos() - Duration.ofSeconds(QUIET_SECONDS).toNanos(); // learned: probes from the start
        }
        this.burst = burst;
        this.limiter = new RateLimiter(clock, rate, start.isPresent() ? Math.max(1, (int) Math.min(burst, Math.floor(rate))) : burst);
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
        onFlood(wait, clock.nanos());
    }

    /**
     * Telegram imposed a wait that began at {@code began} (clock nanos; a pause is noticed some time
     * after it began): the rate sent up to then outran the limit.
     */
    public synchronized void onFlood(Duration wait, long began) {
        long now = clock.nanos();
        floods++;
        boolean sameEpisode = lastFlood != Long.MIN_VALUE && now - lastFlood < Duration.ofSeconds(EPISODE_SECONDS).toNanos();
        lastFlood = now;
        lastStep = now;
        if (sameEpisode) {
            return;
        }
        double outran = Math.min(rate, sentRate(Math.min(now, began)));
        // the first wait says only that the rate (a burst, likely) outran the limit: halve it; a later
        // one, met while probing up from there, comes just above the limit: step back a little
        double factor = wait.toSeconds() > 60 ? BACKOFF_LONG : Double.isInfinite(ceiling) ? FIRST_BACKOFF : BACKOFF;
        ceiling = Math.min(ceiling, Math.max(minRate, outran * CEILING));
        rate = Math.max(minRate, Math.min(ceiling, outran * factor));
        backoffs++;
        slowest = Math.min(slowest, rate);
        limiter.setRate(rate);
        LOG.debug("a wait of {} s: sent {}/s, rate now {}/s, ceiling {}/s", wait.toSeconds(), round(outran), round(rate),
                round(ceiling));
        // and no burst above a second of the rate: a burst the limit did not allow would start the next wait
        limiter.setBurst(Math.max(1, (int) Math.min(burst, Math.floor(rate))));
    }

    private void probe(long now) {
        long quiet = Duration.ofSeconds(QUIET_SECONDS).toNanos();
        if (lastFlood == Long.MIN_VALUE || now - lastStep < quiet || now - limitedSince < quiet) {
            return;
        }
        lastStep = now;
        if (now - lastFlood >= Duration.ofSeconds(CEILING_QUIET_SECONDS).toNanos()) {
            ceiling *= 1 + STEP_PERCENT / 100.0; // limits relax too: the ceiling follows, slower than the rate
        }
        double raised = Math.min(ceiling, rate * (1 + STEP_PERCENT / 100.0));
        if (raised > rate) {
            raises++;
        }
        rate = raised;
        limiter.setRate(rate);
        limiter.setBurst(Math.max(1, (int) Math.min(burst, Math.floor(rate))));
    }

    /** Requests per second sent over the {@value #WINDOW_SECONDS} seconds up to {@code end}. */
    synchronized double sentRate(long end) {
        long since = end - Duration.ofSeconds(WINDOW_SECONDS).toNanos();
        int n = 0;
        long oldest = end;
        for (int i = 0; i < Math.min(sentCount, sent.length); i++) {
            long t = sent[(sentCount - 1 - i) % sent.length];
            if (t > end) {
                continue;
            }
            if (t < since) {
                break;
            }
            n++;
            oldest = t;
        }
        return n / Math.max(1.0, (end - oldest) / 1e9);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The rate now (requests per second; very large before the first wait). */
    public synchronized double rate() {
        return rate;
    }

    /** What was learned, to start the next run with: empty until a wait was met. */
    public synchronized OptionalDouble learned() {
        return Double.isInfinite(ceiling) ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    /** Times a wait made it back off (waits of one episode count once). */
    public synchronized long backoffs() {
        return backoffs;
    }

    /** Times it probed up to a higher rate. */
    public synchronized long raises() {
        return raises;
    }

    /** The lowest rate it ran at so far, a learned start included (very large before the first wait). */
    public synchronized double slowest() {
        return slowest;
    }

    /** Waits that reached this rate. */
    public synchronized long floods() {
        return floods;
    }
}
