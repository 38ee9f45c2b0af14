package dev.tgdl.pacing;

import dev.tgdl.time.TimeSource;
import java.time.Duration;

/**
 * A flood wait applies to the account, not to the one request that received it: once any worker
 * learns of a wait, every worker holds its next request of that kind until the wait is over.
 */
public final class FloodGate {

    private final TimeSource clock;
    private long closedUntil; // clock nanos; guarded by this

    public FloodGate(TimeSource clock) {
        this.clock = clock;
        this.closedUntil = clock.nanos();
    }

    /** Closes the gate for {@code wait} from now (a longer closing already in force is kept). */
    public synchronized void close(Duration wait) {
        closedUntil = Math.max(closedUntil, clock.nanos() + wait.toNanos());
    }

    /**
     * Waits until the gate is open (a closing made while waiting is waited out too).
     *
     * @return how long the caller waited
     */
    public Duration pass() throws InterruptedException {
        Duration waited = Duration.ZERO;
        while (true) {
            long remaining = remaining().toNanos();
            if (remaining <= 0) {
                return waited;
            }
            clock.sleep(Duration.ofNanos(remaining));
            waited = waited.plusNanos(remaining);
        }
    }

    /** Time until the gate opens (zero when open). */
    public synchronized Duration remaining() {
        return Duration.ofNanos(Math.max(0, closedUntil - clock.nanos()));
    }
}
