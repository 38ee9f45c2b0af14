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
    private final java.util.Map<Object, Hold> holds = new java.util.HashMap<>(); // guarded by this

    /** A hold: the request it is for was sent at {@code requested}; it ends at {@code until} at the latest. */
    private record Hold(long requested, long until) {
    }

    public FloodGate(TimeSource clock) {
        this.clock = clock;
        this.closedUntil = clock.nanos();
    }

    /** Closes the gate for {@code wait} from now (a longer closing already in force is kept). */
    public synchronized void close(Duration wait) {
        closedUntil = Math.max(closedUntil, clock.nanos() + wait.toNanos());
    }

    /**
     * Keeps the gate closed while {@code holder} waits for Telegram (a request held back by a flood
     * wait of unknown length), at most {@code limit}; {@link #release} opens it again.
     */
    public synchronized void hold(Object holder, long requested, Duration limit) {
        holds.put(holder, new Hold(requested, clock.nanos() + limit.toNanos()));
    }

    /**
     * A request sent at {@code requested} got its first byte, so whatever holds back requests sent
     * before it is not a wait on the whole account (a stalled download, say): their holds end.
     */
    public synchronized void started(long requested) {
        holds.values().removeIf(h -> h.requested() < requested);
    }

    /** Ends a hold. */
    public synchronized void release(Object holder) {
        holds.remove(holder);
    }

    /** When the gate opens, as things stand (clock nanos). */
    private synchronized long opensAt() {
        long now = clock.nanos();
        holds.values().removeIf(h -> h.until() <= now);
        long at = closedUntil;
        for (Hold h : holds.values()) {
            at = Math.max(at, h.until());
        }
        return at;
    }

    /**
     * Waits until the gate is open.
     *
     * @return how long the caller waited
     */
    public Duration pass() throws InterruptedException {
        Duration waited = Duration.ZERO;
        while (true) {
            long remaining = opensAt() - clock.nanos();
            if (remaining <= 0) {
                return waited;
            }
            // held gates re-check often: a release opens them before the limit
            long step = holdsActive() ? Math.min(remaining, HOLD_POLL.toNanos()) : remaining;
            clock.sleep(Duration.ofNanos(step));
            waited = waited.plusNanos(step);
        }
    }

    private static final Duration HOLD_POLL = Duration.ofMillis(250);

    private synchronized boolean holdsActive() {
        return !holds.isEmpty();
    }

    /** Time until the gate opens (zero when open). */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, opensAt() - clock.nanos()));
    }
}
