package dev.tgdl.download;

import dev.tgdl.telegram.Telegram;
import dev.tgdl.telegram.TelegramException;
import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one call point for API requests (resolve, history pages, counts): each goes through the flood
 * gate and the token bucket, and is timed. A 429 closes the gate for every API caller and is retried
 * after the wait; a wait above the cap stops the run instead. Transient failures are retried with
 * jittered exponential backoff.
 *
 * <p>These waits are counted in the stats but do not slow the download controller: Telegram limits
 * history and file requests separately, so a wait on one says nothing about the other.
 */
final class PacedCalls {

    private static final Logger LOG = LoggerFactory.getLogger(PacedCalls.class);
    /** A call slower than this and than {@link #SLOW_FACTOR} × its usual time was held back by TDLib. */
    static final Duration SLOW_FLOOR = Duration.ofSeconds(5);
    static final double SLOW_FACTOR = 4.0;

    private final TimeSource clock;
    private final Telegram telegram;
    private final RateLimiter limiter;
    private final FloodGate gate;
    private final Jitter jitter;
    private final DownloadStats stats;
    private final ProgressListener listener;
    private final RunControl control;
    private final Duration floodWaitCap;
    private final int maxRetries;
    private final LatencyTracker latency = new LatencyTracker(Duration.ofMillis(500));

    PacedCalls(TimeSource clock, Telegram telegram, RateLimiter limiter, FloodGate gate, Jitter jitter,
               DownloadStats stats, ProgressListener listener, RunControl control, Duration floodWaitCap, int maxRetries) {
        this.clock = clock;
        this.telegram = telegram;
        this.limiter = limiter;
        this.gate = gate;
        this.jitter = jitter;
        this.stats = stats;
        this.listener = listener;
        this.control = control;
        this.floodWaitCap = floodWaitCap;
        this.maxRetries = maxRetries;
    }

    /**
     * Makes one API call, paced and retried.
     *
     * @throws TelegramException for failures that retrying cannot fix, or after the retries
     * @throws StoppedException  when the run was stopped (by the user, the cap or the duration limit)
     */
    <T> T call(String what, Supplier<T> call) throws InterruptedException {
        int transientFailures = 0;
        Duration backoff = Duration.ZERO;
        while (true) {
            if (control.stopped()) {
                throw new StoppedException();
            }
            gate.pass();
            limiter.acquire();
            stats.requests.incrementAndGet();
            boolean connectedBefore = telegram.isConnected();
            long start = clock.nanos();
            try {
                T result = call.get();
                Duration took = clock.since(start);
                if (connectedBefore && telegram.isConnected() && latency.isSlow(took, slowFloor(), SLOW_FACTOR)) {
                    // TDLib absorbed a flood wait (≤ 60 s): the call only came back late
                    Duration wait = took.minus(latency.typical());
                    stats.flood(wait, false);
                    listener.floodWait(wait, false);
                    LOG.debug("{} took {} ms: a flood wait TDLib absorbed", what, took.toMillis());
                } else {
                    latency.record(took);
                }
                return result;
            } catch (TelegramException e) {
                switch (e.kind()) {
                    case FLOOD_WAIT -> {
                        Duration wait = e.retryAfter().orElse(Duration.ofSeconds(60));
                        stats.flood(wait, true);
                        listener.floodWait(wait, true);
                        if (wait.compareTo(floodWaitCap) > 0) {
                            control.stop(StopReason.FLOOD_WAIT_CAP, "Telegram asked to wait " + wait.toSeconds()
                                    + " s (more than --flood-wait-cap " + floodWaitCap.toSeconds() + " s)");
                            throw new StoppedException();
                        }
                        listener.note(what + ": flood wait " + wait.toSeconds() + " s");
                        gate.close(jitter.apply(wait));
                    }
                    case TRANSIENT -> {
                        transientFailures++;
                        if (transientFailures > maxRetries) {
                            throw e;
                        }
                        backoff = nextBackoff(backoff);
                        stats.retries.incrementAndGet();
                        listener.note(what + ": " + e.getMessage() + "; retrying in " + backoff.toSeconds() + " s");
                        clock.sleep(backoff);
                    }
                    default -> throw e;
                }
            }
        }
    }

    private Duration slowFloor() {
        return SLOW_FLOOR;
    }

    /** Network errors: wait uniform(3, 8) s, then double (jittered) on each further failure, at most 5 min. */
    Duration nextBackoff(Duration previous) {
        if (previous.isZero()) {
            return jitter.between(Duration.ofSeconds(3), Duration.ofSeconds(8));
        }
        Duration doubled = jitter.apply(previous.multipliedBy(2));
        return doubled.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : doubled;
    }
}
