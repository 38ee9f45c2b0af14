package dev.tgdl.download;

import dev.tgdl.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What every download in flight is doing, seen together, because what one download shows alone is
 * ambiguous. TDLib keeps a queued download active with no progress, pauses every part in flight
 * while it waits out a flood wait, and says nothing when a part hangs. Together they tell apart:
 *
 * <ul>
 *   <li><b>a pause</b>: no download moves for {@link #pauseAfter()} while connected, then they move
 *       again: TDLib sat out a flood wait of about that long (every part in flight waits at once).
 *       Its length goes to the controller when it ends;</li>
 *   <li><b>a queued download</b>: no first byte, and nothing requested after it has one either: TDLib
 *       serves the older requests first (tgdl gives older requests the higher priority) and has not
 *       reached it; that is not a stall;</li>
 *   <li><b>a stall</b>: a download that does not move while downloads requested after it do (it was
 *       served, its parts hang), for {@link #RELATIVE_STALL}; or that has not moved for
 *       {@code stallTimeout}; or got no first byte in {@link #FIRST_BYTE_LIMIT} with nothing moving at
 *       all (a wait TDLib absorbs is over within 60 s).</li>
 * </ul>
 * Time with the connection down counts for none of these. Thread-safe: progress comes from TDLib's
 * receive thread, checks from the workers.
 */
final class ProgressBoard {

    static final Duration MIN_PAUSE = Duration.ofSeconds(3);
    static final Duration RELATIVE_STALL = Duration.ofSeconds(30);
    static final Duration FIRST_BYTE_LIMIT = Duration.ofSeconds(90);
    static final Duration HEAD_FIRST_BYTE = Duration.ofSeconds(3);
    /** A head-of-queue request this many times the usual time to a first byte without one hangs. */
    static final int HEAD_FIRST_BYTE_FACTOR = 5;
    private static final double GAP_WEIGHT = 0.05;

    /** Hears of pauses: when one is noticed, and when downloads move again. */
    interface PauseListener {
        /**
         * Nothing has moved for {@code silence}, connected, with downloads in flight.
         *
         * @param moving whether downloads had moved since the last pause (downloads that never moved, and
         *               requests sent again into a wait still running, tell nothing of a new wait)
         */
        void started(Duration silence, boolean moving);

        /** Downloads move again after a pause of {@code length}. */
        void ended(Duration length);
    }

    /** One download in flight (one attempt). */
    final class Entry {
        final long requestedAt;
        final long seq;
        final boolean small;
        long lastProgress;
        long bytes;
        long firstByteAt = -1;
        /** When a download requested after this one first got a byte (-1: none yet). */
        long youngerServedAt = -1;
        /** When a download requested after this one last moved (-1: none yet). */
        long youngerMovedAt = -1;

        Entry(long now, long seq, boolean small) {
            this.requestedAt = now;
            this.seq = seq;
            this.small = small;
            this.lastProgress = now;
        }

        /** The download's bytes so far (TDLib's downloaded_size). */
        void progress(long downloaded) {
            ProgressBoard.this.progress(this, downloaded);
        }

        /** Why this download counts as stalled now, if it does. */
        Optional<String> stalled() {
            return ProgressBoard.this.stalled(this);
        }

        /** The download ended (finished, failed, cancelled). */
        void close() {
            ProgressBoard.this.close(this);
        }

        /** Whether the download had moved for the last {@code d} before now. */
        boolean silentFor(Duration d) {
            synchronized (ProgressBoard.this) {
                return clock.nanos() - Math.max(lastProgress, lastOutage) >= d.toNanos();
            }
        }
    }

    private final TimeSource clock;
    private final BooleanSupplier connected;
    private final Duration stallTimeout;
    private final PauseListener pauses;
    private final List<Entry> entries = new ArrayList<>();
    private long seq;
    private long lastAny;
    /** When any download last moved (-inf: none has); unlike {@code lastAny}, not reset by an idle board. */
    private long lastMoved = Long.MIN_VALUE;
    private long lastOutage = Long.MIN_VALUE;
    private double gapNanos = Duration.ofMillis(200).toNanos();
    private double firstByteNanos = Duration.ofMillis(300).toNanos();
    private long pausedSince = -1;
    private long lastPauseNoticed = Long.MIN_VALUE;

    ProgressBoard(TimeSource clock, BooleanSupplier connected, Duration stallTimeout, PauseListener pauses) {
        this.clock = clock;
        this.connected = connected;
        this.stallTimeout = stallTimeout;
        this.pauses = pauses;
        this.lastAny = clock.nanos();
    }

    /** A download was requested. */
    synchronized Entry open(long size) {
        long now = clock.nanos();
        if (entries.isEmpty()) {
            lastAny = now; // an idle board is not a pause
        }
        Entry e = new Entry(now, seq++, size < 20 * 1024);
        entries.add(e);
        return e;
    }

    private void progress(Entry e, long downloaded) {
        Duration pause = null;
        synchronized (this) {
            long now = clock.nanos();
            if (downloaded <= e.bytes) {
                return;
            }
            e.bytes = downloaded;
            e.lastProgress = now;
            lastMoved = now;
            for (Entry older : entries) {
                if (older.seq < e.seq) {
                    older.youngerMovedAt = now;
                }
            }
            if (e.firstByteAt < 0) {
                e.firstByteAt = now;
                firstByteNanos += GAP_WEIGHT * (now - e.requestedAt - firstByteNanos);
                for (Entry older : entries) {
                    if (older.seq < e.seq && older.small == e.small && older.firstByteAt < 0 && older.youngerServedAt < 0) {
                        older.youngerServedAt = now;
                    }
                }
            }
            long gap = now - lastAny;
            if (pausedSince >= 0) {
                pause = Duration.ofNanos(now - pausedSince);
                pausedSince = -1;
            } else if (entries.size() >= 2) { // one download alone says little of the link's pace
                gapNanos += GAP_WEIGHT * (Math.min(gap, pauseAfter().toNanos()) - gapNanos);
            }
            lastAny = now;
        }
        if (pause != null) {
            pauses.ended(pause);
        }
    }

    /** How long nothing may move before it counts as a pause: {@link #MIN_PAUSE}, or more on a slow link. */
    synchronized Duration pauseAfter() {
        return Duration.ofNanos((long) Math.max(MIN_PAUSE.toNanos(), 8 * gapNanos));
    }

    /** Looks at the whole board: marks a pause when nothing moved for {@link #pauseAfter()}. */
    void check() {
        Duration silence = null;
        boolean moving = false;
        synchronized (this) {
            long now = clock.nanos();
            if (!connected.getAsBoolean()) {
                lastOutage = now;
                pausedSince = -1; // an outage is not a flood wait
                return;
            }
            long since = Math.max(lastAny, lastOutage);
            if (pausedSince < 0 && !entries.isEmpty() && now - since >= pauseAfter().toNanos()) {
                pausedSince = since;
                silence = Duration.ofNanos(now - since);
                // a new wait only if downloads moved since the last pause was noticed: requests sent again
                // while the same wait still runs meet that wait, not a new one. Those that moved may have
                // ended since (files whose last parts were in flight when the wait began finish in it),
                // so several silent requests after movement are a wait too; one alone that never moved is
                // as likely hung
                moving = lastMoved > lastPauseNoticed
                        && (entries.size() >= 2 || entries.stream().anyMatch(e -> e.bytes > 0));
                lastPauseNoticed = now;
            }
        }
        if (silence != null) {
            pauses.started(silence, moving);
        }
    }

    /** Whether downloads are paused now (nothing moved for {@link #pauseAfter()}, connected). */
    boolean paused() {
        check();
        synchronized (this) {
            return pausedSince >= 0;
        }
    }

    /** Whether any download moved within the last {@code d}. */
    synchronized boolean movedWithin(Duration d) {
        return clock.nanos() - lastAny < d.toNanos();
    }

    private Optional<String> stalled(Entry e) {
        check();
        synchronized (this) {
            return stalledNow(e);
        }
    }

    private Optional<String> stalledNow(Entry e) {
        long now = clock.nanos();
        if (lastOutage >= now) {
            return Optional.empty();
        }
        long silent = now - Math.max(e.lastProgress, lastOutage);
        if (e.firstByteAt < 0) {
            if (e.youngerServedAt >= 0 && now - Math.max(e.youngerServedAt, lastOutage) >= RELATIVE_STALL.toNanos()) {
                return Optional.of("no first byte for " + RELATIVE_STALL.toSeconds() + " s while newer downloads were served");
            }
            if (silent >= FIRST_BYTE_LIMIT.toNanos() && now - Math.max(lastAny, lastOutage) >= FIRST_BYTE_LIMIT.toNanos()) {
                return Optional.of("no first byte for " + FIRST_BYTE_LIMIT.toSeconds() + " s");
            }
            // first in TDLib's queue (oldest request, highest priority), not paused, and far past the usual
            // time to a first byte: its request hangs
            long firstByteLimit = (long) Math.max(HEAD_FIRST_BYTE.toNanos(), HEAD_FIRST_BYTE_FACTOR * firstByteNanos);
            boolean head = entries.stream().noneMatch(o -> o.seq < e.seq && o.small == e.small && o.firstByteAt < 0);
            // alone in flight, a hung request and a wait look the same, and asking again is right for both
            if (head && (pausedSince < 0 || entries.size() == 1) && silent >= firstByteLimit) {
                return Optional.of("no first byte for " + firstByteLimit / 1_000_000_000L + " s, first in TDLib's queue");
            }
            return Optional.empty();
        }
        // only newer downloads moving say TDLib serves past this one: older ones have the higher priority
        // and may hold TDLib's whole budget while this one waits its turn
        boolean youngerMove = e.youngerMovedAt >= 0 && now - e.youngerMovedAt < MIN_PAUSE.toNanos();
        if (silent >= RELATIVE_STALL.toNanos() && youngerMove) {
            return Optional.of("no progress for " + RELATIVE_STALL.toSeconds() + " s while newer downloads moved");
        }
        if (silent >= stallTimeout.toNanos()) {
            return Optional.of("no progress for " + stallTimeout.toSeconds() + " s");
        }
        return Optional.empty();
    }

    private synchronized void close(Entry e) {
        entries.remove(e);
        if (entries.isEmpty()) {
            pausedSince = -1;
        }
    }
}
