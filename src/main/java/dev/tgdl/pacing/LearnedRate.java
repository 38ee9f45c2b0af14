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
 *   <li><b>Probe up carefully.</b> Only while the limiter is what holds the work back (over the last
 *       {@value #QUIET_SECONDS} s at least {@value #LIMITED_SHARE} of the rate was sent: a raise the work
 *       would not use proves nothing), every {@value #QUIET_SECONDS} s without a wait:
 *       +{@value #STEP_PERCENT}% a time, never above the ceiling;
 *       the ceiling itself rises as much once {@value #CEILING_QUIET_SECONDS} s have passed without a
 *       wait, so limits that relaxed are found again. A wait met while above the ceiling the last wait
 *       set doubles that quiet (up to {@value #CEILING_QUIET_MAX_MINUTES} min): Telegram's waits
 *       escalate, and a probe above a limit that did not relax costs a longer wait each time.</li>
 *   <li><b>Remember.</b> {@link #learned()}, saved with the profile, is the fastest rate that ran
 *       {@value #QUIET_SECONDS} s held back and without a wait (never above the ceiling), else the rate
 *       backed off to. The next run starts there with that as its ceiling, raised only after
 *       {@value #RESTORED_CEILING_QUIET_SECONDS} s without a wait (until its first wait, which says the
 *       limit is other today): just below the limit from the first request instead of rediscovering it
 *       through waits.</li>
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
    static final int CEILING_QUIET_MAX_MINUTES = 16;
    static final int RESTORED_CEILING_QUIET_SECONDS = 120;
    static final double LIMITED_SHARE = 0.9;
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
    private long sentSinceStep;
    private long floods;
    private long backoffs;
    private long raises;
    private double slowest;
    private double verified;
    private double floodCeiling = Double.POSITIVE_INFINITY;
    private boolean restoredQuiet;
    private long ceilingQuiet = Duration.ofSeconds(CEILING_QUIET_SECONDS).toNanos();
    private final int burst;

    /**
     * @param start   a rate learned before, or empty: no limit until the first wait
     * @param minRate the least rate it ever backs off to
     * @param burst   the bucket's burst
     */
    public LearnedRate(TimeSource clock, OptionalDouble start, double minRate, int burst) {
        this(clock, start, UNLIMITED, minRate, burst);
    }

    /**
     * A learned rate that, until a wait teaches it otherwise, paces at a configured rate: what is
     * configured is not learned ({@link #learned()} stays empty until a wait), and it is never probed
     * above before a wait.
     *
     * @param start      a rate learned before, or empty
     * @param configured the rate to pace at while nothing is learned (also the most a learned start may be:
     *                   a user who lowers it is obeyed)
     */
    public LearnedRate(TimeSource clock, OptionalDouble start, double configured, double minRate, int burst) {
        this.clock = clock;
        this.minRate = minRate;
        start = start.isPresent() ? OptionalDouble.of(Math.min(start.getAsDouble(), configured)) : start;
        this.rate = start.orElse(configured);
        this.slowest = rate;
        if (start.isPresent()) {
            // the learned rate ran without a wait before: it is the ceiling until a long quiet says
            // the limit may have relaxed
            this.ceiling = start.getAsDouble();
            this.verified = start.getAsDouble();
            this.floodCeiling = start.getAsDouble();
            // counted from the start (the quiet is counted from the last wait, set ten seconds back)
            this.ceilingQuiet = Duration.ofSeconds(RESTORED_CEILING_QUIET_SECONDS + QUIET_SECONDS).toNanos();
            this.restoredQuiet = true;
            this.lastFlood = clock.nanos() - Duration.ofSeconds(QUIET_SECONDS).toNanos(); // learned: probes from the start
        }
        this.burst = burst;
        this.limiter = new RateLimiter(clock, rate, start.isPresent() ? secondOf(rate) : burst);
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
        sentSinceStep++;
        if (waited) {
            probe(now);
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
        // one wait noticed again (downloads asked for again while it lasts stall once more) began
        // before the last notice: it is the same episode however long it lasts
        boolean sameEpisode = lastFlood != Long.MIN_VALUE
                && Math.min(now, began) - lastFlood < Duration.ofSeconds(EPISODE_SECONDS).toNanos();
        lastFlood = now;
        lastStep = now;
        sentSinceStep = 0;
        if (sameEpisode) {
            return;
        }
        double outran = Math.min(rate, sentRate(Math.min(now, began)));
        // the first wait says only that the rate (a burst, likely) outran the limit: halve it; a later
        // one, met while probing up from there, comes just above the limit: step back a little
        boolean first = Double.isInfinite(ceiling);
        double factor = wait.toSeconds() > 60 ? BACKOFF_LONG : first ? FIRST_BACKOFF : BACKOFF;
        if (restoredQuiet) {
            // the learned start's caution is for a limit that held; a wait says this run's limit is
            // other, and the usual quiet finds it again when it relaxes
            restoredQuiet = false;
            ceilingQuiet = Duration.ofSeconds(CEILING_QUIET_SECONDS).toNanos();
        } else if (rate > floodCeiling) {
            // met while probing above what the last wait said: the limit did not relax, probe later next time
            ceilingQuiet = Math.min(ceilingQuiet * 2, Duration.ofMinutes(CEILING_QUIET_MAX_MINUTES).toNanos());
        }
        ceiling = Math.min(ceiling, Math.max(minRate, outran * CEILING));
        floodCeiling = ceiling;
        verified = Math.min(verified, ceiling);
        rate = Math.max(minRate, Math.min(ceiling, outran * factor));
        backoffs++;
        slowest = Math.min(slowest, rate);
        limiter.setRate(rate);
        LOG.debug("a wait of {} s: sent {}/s, rate now {}/s, ceiling {}/s", wait.toSeconds(), round(outran), round(rate),
                round(ceiling));
        // and no burst above a second of the rate: a burst the limit did not allow would start the next wait
        limiter.setBurst(secondOf(rate));
    }

    private void probe(long now) {
        long quiet = Duration.ofSeconds(QUIET_SECONDS).toNanos();
        if (lastFlood == Long.MIN_VALUE || now - lastStep < quiet) {
            return;
        }
        // held back, not idle: a token free now and then between files (a gap while the next one is
        // chosen) does not mean the work wanted less; what was sent since the last step says it (a count,
        // not the ring of send times, which holds too few at high rates)
        boolean heldBack = sentSinceStep >= LIMITED_SHARE * rate * (now - lastStep) / 1e9;
        lastStep = now;
        sentSinceStep = 0;
        if (!heldBack) {
            return; // the next ten seconds are judged afresh
        }
        verified = Math.max(verified, Math.min(rate, ceiling)); // ten seconds held back at it, no wait
        if (now - lastFlood >= ceilingQuiet) {
            ceiling *= 1 + STEP_PERCENT / 100.0; // limits relax too: the ceiling follows, slower than the rate
        }
        double raised = Math.min(ceiling, rate * (1 + STEP_PERCENT / 100.0));
        if (raised > rate) {
            raises++;
        }
        rate = raised;
        limiter.setRate(rate);
        limiter.setBurst(secondOf(rate));
    }

    /** A burst of one second of {@code r}: at least one token, never above the burst given. */
    private int secondOf(double r) {
        return Math.max(1, (int) Math.min(burst, Math.floor(r)));
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
        if (Double.isInfinite(ceiling)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(verified > 0 ? verified : rate);
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
