package dev.tgdl.pacing;

import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a run from outside (Ctrl-C) or from inside (a flood wait above the cap, the duration
 * limit). After a stop no new work starts; work in flight is cancelled, keeping partial data so the
 * next run resumes it.
 */
public final class RunControl {

    private final AtomicReference<StopReason> stop = new AtomicReference<>();
    private final AtomicReference<String> detail = new AtomicReference<>("");
    private final List<Runnable> onStop = new CopyOnWriteArrayList<>();
    private final TimeSource clock;
    private final long deadline;

    /**
     * @param maxDuration stop the run after this long (of the clock's time), if given
     */
    public RunControl(TimeSource clock, Optional<Duration> maxDuration) {
        this.clock = clock;
        this.deadline = maxDuration.map(d -> clock.nanos() + d.toNanos()).orElse(Long.MAX_VALUE);
    }

    /** A control with no duration limit. */
    public static RunControl unlimited(TimeSource clock) {
        return new RunControl(clock, Optional.empty());
    }

    /** Asks the run to stop; the first reason given wins. */
    public void stop(StopReason reason, String why) {
        if (stop.compareAndSet(null, reason)) {
            detail.set(why);
            onStop.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code action} when the run is asked to stop (at once if it already was): the engine
     * interrupts its threads with it, so that waits end now rather than when they run out.
     */
    public void onStop(Runnable action) {
        onStop.add(action);
        if (stop.get() != null) {
            action.run();
        }
    }

    /** Removes an action added with {@link #onStop}. */
    public void removeOnStop(Runnable action) {
        onStop.remove(action);
    }

    /** Whether the run must stop (checking the duration limit too). */
    public boolean stopped() {
        if (stop.get() == null && clock.nanos() >= deadline) {
            stop(StopReason.MAX_DURATION, "--max-duration reached");
        }
        return stop.get() != null;
    }

    public Optional<StopReason> reason() {
        stopped();
        return Optional.ofNullable(stop.get());
    }

    /** What stopped the run, for people. */
    public String detail() {
        return detail.get();
    }

    /** Time left before the duration limit (a very long time when there is none). */
    public Duration remaining() {
        return deadline == Long.MAX_VALUE ? Duration.ofDays(365) : Duration.ofNanos(Math.max(0, deadline - clock.nanos()));
    }
}
