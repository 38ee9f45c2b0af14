package dev.tgdl.pacing;

import dev.tgdl.time.TimeSource;
import java.time.Duration;

/**
 * Spaces request starts: whichever worker asks, consecutive starts are at least the controller's
 * delay apart (jittered). The delay is thus the time between requests of the whole run, not of
 * one worker, and 1/delay its request rate, however many workers there are.
 */
public final class Pacer {

    private final TimeSource clock;
    private final Jitter jitter;
    private long next; // clock nanos of the next free slot; guarded by this

    public Pacer(TimeSource clock, Jitter jitter) {
        this.clock = clock;
        this.jitter = jitter;
        this.next = clock.nanos();
    }

    /** Waits for this caller's slot, {@code delay} (jittered) after the previous one. */
    public void pass(Duration delay) throws InterruptedException {
        long slot;
        synchronized (this) {
            long now = clock.nanos();
            slot = Math.max(now, next);
            next = slot + jitter.apply(delay).toNanos();
        }
        long wait = slot - clock.nanos();
        if (wait > 0) {
            clock.sleep(Duration.ofNanos(wait));
        }
    }
}
