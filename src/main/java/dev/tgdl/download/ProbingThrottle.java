package dev.tgdl.download;

import dev.tgdl.time.TimeSource;
import java.time.Duration;

/**
 * tgdl's default controller ({@code adaptive}). It steers a request rate rather than a pause per
 * worker, and derives the workers from it, because those are the two things Telegram's limits and
 * TDLib's queues respond to:
 *
 * <ul>
 *   <li><b>Rate.</b> Slow start: from the starting rate (1 / initial delay), ×{@value #SLOW_START}
 *       per round of successes while the rate is what limits the run, until the first flood wait.
 *       While something else limits the run (bandwidth, workers) the rate is kept within twice the
 *       rate actually sent, so it stays meaningful. A flood wait means the rate in force outran the
 *       account's limit: {@value #CRUISE} of it becomes the ceiling, and the rate drops to
 *       {@value #BACKOFF} of it (less for long waits). Below the ceiling the rate then
 *       grows additively, {@value #STEP_PERCENT}% of the ceiling per round, up to the ceiling; the
 *       ceiling is allowed to rise {@value #CEILING_RELAX_PERCENT}% every five minutes without a flood
 *       wait, so that limits that relax are found again without probing so often that Telegram's
 *       escalating waits set in.</li>
 *   <li><b>Workers.</b> Little's law: enough downloads in flight to sustain the rate given how long
 *       downloads take (rate × mean duration × 2.5, the margin covering each download's start-up and
 *       hand-over), at least one, at most the maximum, and never more than three seconds of requests
 *       (downloads queued behind a flood wait would all pile into it). More only queue inside TDLib;
 *       fewer leave bandwidth unused. Never fewer than two, so that one stalled download does not
 *       stop the run while the watchdog waits it out.</li>
 * </ul>
 *
 * Every pause it asks for is jittered by the engine. DESIGN.md's original rules remain available as
 * {@link AdaptiveThrottle} (policy {@code design}); {@code tgdl bench} compares the two.
 */
public final class ProbingThrottle implements Throttle {

    static final double SLOW_START = 1.5;
    static final double BACKOFF = 0.4;
    static final double CRUISE = 0.8;
    static final int STEP_PERCENT = 3;
    static final int CEILING_RELAX_PERCENT = 10;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final int HISTORY = 256;

    private final TimeSource clock;
    private final ThrottleSettings settings;
    private final Duration ceilingRelax;
    private final double minRate;
    private final double maxRate;
    private final long[] requests = new long[HISTORY];
    private int requestCount;
    private double rate;
    private double ceiling = Double.POSITIVE_INFINITY;
    private boolean slowStart = true;
    private long lastFlood = Long.MIN_VALUE;
    private long lastRelax;
    private long consecutive;
    private double meanDurationSeconds = 1.0;
    private int workers;
    private long floods;
    private long shrinks;
    private long grows;
    private int minWorkers;
    private int maxWorkersSeen;
    private double slowestRate;

    public ProbingThrottle(TimeSource clock, ThrottleSettings settings) {
        this(clock, settings, Duration.ofMinutes(5));
    }

    ProbingThrottle(TimeSource clock, ThrottleSettings settings, Duration ceilingRelax) {
        this.clock = clock;
        this.settings = settings;
        this.ceilingRelax = ceilingRelax;
        this.maxRate = settings.minDelay().isZero() ? 1000 : 1.0 / (settings.minDelay().toNanos() / 1e9);
        this.minRate = 1.0 / Math.max(0.001, settings.maxDelay().toNanos() / 1e9);
        this.rate = clampRate(1.0 / Math.max(0.001, settings.initialDelay().toNanos() / 1e9));
        this.workers = Math.min(settings.workers(), settings.maxWorkers());
        this.lastRelax = clock.nanos();
        this.minWorkers = workers;
        this.maxWorkersSeen = workers;
        this.slowestRate = rate;
    }

    @Override
    public String name() {
        return "adaptive";
    }

    @Override
    public synchronized int workers() {
        return workers;
    }

    @Override
    public synchronized Duration delay() {
        return Duration.ofNanos((long) (1e9 / rate));
    }

    @Override
    public synchronized void onRequest() {
        requests[requestCount % HISTORY] = clock.nanos();
        requestCount++;
    }

    /** Requests per second actually sent over the last ten seconds (or since the first request). */
    synchronized double sentRate() {
        long now = clock.nanos();
        long since = now - WINDOW.toNanos();
        int n = 0;
        long oldest = now;
        for (int i = 0; i < Math.min(requestCount, HISTORY); i++) {
            long t = requests[(requestCount - 1 - i) % HISTORY];
            if (t < since) {
                break;
            }
            n++;
            oldest = t;
        }
        double span = Math.max(1.0, (now - oldest) / 1e9);
        return n / span;
    }

    @Override
    public synchronized void onSuccess() {
        onSuccess(Duration.ZERO);
    }

    @Override
    public synchronized void onSuccess(Duration took) {
        consecutive++;
        if (!took.isZero()) {
            meanDurationSeconds += 0.1 * (took.toNanos() / 1e9 - meanDurationSeconds);
        }
        relaxCeiling();
        long round = Math.max(slowStart ? 4 : 8, (long) Math.ceil(rate * (slowStart ? 1 : 4)));
        if (consecutive % round == 0) {
            double sent = sentRate();
            if (sent >= 0.7 * rate) {
                // the rate is what holds the run back: raise it, fast until the first wait, gently after
                double target = slowStart ? rate * SLOW_START : Math.min(ceiling, rate + ceiling * STEP_PERCENT / 100.0);
                rate = clampRate(Math.max(rate, target));
            } else {
                // something else holds it back (bandwidth, the workers): keep the rate from running away
                rate = clampRate(Math.min(rate, Math.max(sent * 2, 1.0 / (settings.initialDelay().toNanos() / 1e9))));
            }
        }
        updateWorkers();
    }

    private void relaxCeiling() {
        if (Double.isInfinite(ceiling)) {
            return;
        }
        long now = clock.nanos();
        if (now - lastFlood >= ceilingRelax.toNanos() && now - lastRelax >= ceilingRelax.toNanos()) {
            ceiling *= 1 + CEILING_RELAX_PERCENT / 100.0;
            lastRelax = now;
        }
    }

    @Override
    public synchronized void onFlood(Duration wait) {
        floods++;
        consecutive = 0;
        long now = clock.nanos();
        // the late first bytes of downloads queued behind one wait are one episode, not several
        boolean sameEpisode = lastFlood != Long.MIN_VALUE
                && now - lastFlood < Math.max(wait.toNanos(), Duration.ofSeconds(5).toNanos());
        if (!sameEpisode) {
            shrinks++;
            // the rate in force when the wait came outran the limit (the measured rate is no better:
            // it includes the time the gate held everything back)
            ceiling = Math.min(ceiling, rate * CRUISE);
            double factor = wait.toSeconds() > 60 ? BACKOFF * 0.5 : BACKOFF;
            rate = clampRate(rate * factor);
            slowStart = false;
        }
        lastFlood = now;
        lastRelax = now;
        slowestRate = Math.min(slowestRate, rate);
        updateWorkers();
    }

    private void updateWorkers() {
        // Little's law, and never many more in flight than a few seconds of requests: downloads
        // queued behind a wait would all pile into it
        int wanted = (int) Math.min(Math.ceil(rate * meanDurationSeconds * 2.5), Math.ceil(rate * 3) + 1);
        // two at least: one download that stalls (silent until the watchdog ends it) must not stop the run
        int next = Math.max(Math.min(2, settings.maxWorkers()), Math.min(settings.maxWorkers(), wanted));
        if (next > workers) {
            grows++;
        }
        workers = next;
        minWorkers = Math.min(minWorkers, workers);
        maxWorkersSeen = Math.max(maxWorkersSeen, workers);
    }

    private double clampRate(double r) {
        return Math.max(minRate, Math.min(maxRate, r));
    }

    /** The current ceiling (infinite before the first flood wait). */
    synchronized double ceiling() {
        return ceiling;
    }

    @Override
    public synchronized ThrottleState state() {
        return new ThrottleState(workers, delay(), consecutive, floods, shrinks, grows, minWorkers, maxWorkersSeen,
                Duration.ofNanos((long) (1e9 / slowestRate)));
    }
}
