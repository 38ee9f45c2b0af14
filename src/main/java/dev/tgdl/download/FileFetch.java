package dev.tgdl.download;

import dev.tgdl.pacing.Backoff;
import dev.tgdl.pacing.FloodGate;
import dev.tgdl.pacing.Jitter;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.pacing.StopReason;
import dev.tgdl.pacing.StoppedException;
import dev.tgdl.telegram.Download;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.telegram.TelegramException;
import dev.tgdl.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetch stage for one file: asks TDLib for it, watches it on the {@link ProgressBoard}, and
 * retries what can be retried, then hands the finished copy to the {@link Placer}.
 *
 * <ul>
 *   <li>A stall (see {@link ProgressBoard}) is cancelled, keeping its partial data, and retried.</li>
 *   <li>A download TDLib stops without a reason is, with evidence of a flood wait (downloads were
 *       paused when it stopped, or it sat still before it stopped), a wait longer than TDLib absorbs:
 *       one such episode pauses every download {@value #SUSPECTED_SECONDS} s (then {@value #PROBE_SECONDS} s
 *       at a time while they are still stopped), tells the policy, and costs the file none of its retries.
 *       Without evidence it is the file's failure (a fault, a damaged file), retried after a back-off
 *       up to {@code max_retries}; several stopping at once without a byte still pause the downloads.</li>
 *   <li>A 429 pauses downloads for its seconds; one above {@code --flood-wait-cap} stops the run.</li>
 *   <li>Errors retrying cannot fix (no access, not found) fail the file at once.</li>
 * </ul>
 */
final class FileFetch implements FetchPool.Fetcher {

    private static final Logger LOG = LoggerFactory.getLogger(FileFetch.class);
    static final int SUSPECTED_SECONDS = 61;
    static final int PROBE_SECONDS = 15;
    /** Stops taken for flood waits a file may see before they count as its failures. */
    static final int SILENT_TRIES = 20;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration SAT_STILL = Duration.ofSeconds(5);
    private static final Duration TOGETHER = Duration.ofSeconds(2);

    private final TimeSource clock;
    private final Telegram telegram;
    private final DownloadPolicy policy;
    private final ProgressBoard board;
    private final FloodGate gate;
    private final RunControl control;
    private final DownloadStats stats;
    private final ProgressListener listener;
    private final Outcomes outcomes;
    private final Placer placer;
    private final Selection selection;
    private final Jitter jitter;
    private final Backoff backoff;
    private final DownloadOptions options;
    private final Episodes episodes = new Episodes();

    FileFetch(TimeSource clock, Telegram telegram, DownloadPolicy policy, ProgressBoard board, FloodGate gate,
              RunControl control, DownloadStats stats, ProgressListener listener, Outcomes outcomes, Placer placer,
              Selection selection, Jitter jitter, DownloadOptions options) {
        this.clock = clock;
        this.telegram = telegram;
        this.policy = policy;
        this.board = board;
        this.gate = gate;
        this.control = control;
        this.stats = stats;
        this.listener = listener;
        this.outcomes = outcomes;
        this.placer = placer;
        this.selection = selection;
        this.jitter = jitter;
        this.backoff = new Backoff(jitter);
        this.options = options;
    }

    /** How an attempt ended when it produced no file. */
    private sealed interface Miss permits Stall, Stopped, Failure {
    }

    private record Stall(String why) implements Miss {
    }

    private record Stopped() implements Miss {
    }

    private record Failure(TelegramException error, ProgressBoard.Entry entry) implements Miss {
    }

    @Override
    public boolean fetch(FetchPool.Slot slot, FetchPool pool) {
        Work work = slot.work;
        boolean again = false;
        try {
            again = attempts(slot, pool);
        } catch (RuntimeException e) {
            outcomes.failed(work.item(), work.source(), "unexpected error: " + e, false);
            LOG.error("downloading {} failed unexpectedly", work.item().describe(), e);
        } finally {
            if (!again) {
                work.reservation().close();
                selection.ended(work);
            }
        }
        return again;
    }

    /** The attempts at a file; true when it was shed and is to be requested again later. */
    private boolean attempts(FetchPool.Slot slot, FetchPool pool) {
        MediaItem item = slot.work.item();
        SourceStats source = slot.work.source();
        int failures = 0;
        int silent = 0;
        Duration wait = Duration.ZERO;
        while (true) {
            if (control.stopped()) {
                listener.finished(item, ProgressListener.Outcome.CANCELLED, "run stopped");
                return false;
            }
            Miss miss;
            long started = clock.nanos();
            try {
                Optional<Path> file = attempt(slot, pool);
                if (file.isPresent()) {
                    if (placer.place(slot.work, file.get())) {
                        policy.onDownloaded(clock.since(started));
                    }
                    return false;
                }
                miss = new Stopped();
            } catch (MissException m) {
                miss = m.miss;
            }
            if (pool.takeShed(slot)) {
                return true; // cancelled by the pool during a flood wait: requested again, costing nothing
            }
            String error;
            boolean againAtOnce = false;
            switch (miss) {
                case Stopped s -> {
                    listener.finished(item, ProgressListener.Outcome.CANCELLED, "run stopped");
                    return false;
                }
                case Stall st -> {
                    stats.stalls.incrementAndGet();
                    error = st.why();
                    againAtOnce = true; // a hung request: a new one is served at once
                }
                case Failure f -> {
                    TelegramException e = f.error();
                    switch (e.kind()) {
                        case FLOOD_WAIT -> {
                            if (!explicitFlood(e.retryAfter().orElse(Duration.ofSeconds(SUSPECTED_SECONDS)))) {
                                return false;
                            }
                            continue;
                        }
                        case STOPPED -> {
                            Verdict v = stopped(f.entry(), item);
                            if (v == Verdict.FLOOD && ++silent <= SILENT_TRIES) {
                                continue;
                            }
                            error = e.getMessage();
                            againAtOnce = v == Verdict.FAULT; // the file's own failure; nothing to wait for, the first time
                        }
                        case TRANSIENT -> error = e.getMessage();
                        default -> {
                            outcomes.failed(item, source, e.getMessage(), true);
                            return false;
                        }
                    }
                }
            }
            failures++;
            if (failures > options.maxRetries()) {
                outcomes.failed(item, source, error + " (after " + failures + " attempts)", false);
                return false;
            }
            wait = againAtOnce && failures == 1 ? Duration.ZERO : backoff.next(wait);
            stats.retries.incrementAndGet();
            listener.finished(item, ProgressListener.Outcome.RETRYING, error);
            try {
                clock.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                listener.finished(item, ProgressListener.Outcome.CANCELLED, "run stopped");
                return false;
            }
        }
    }

    /** Carries a miss out of {@link #attempt}. */
    private static final class MissException extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Miss miss;

        MissException(Miss miss) {
            super(null, null, false, false);
            this.miss = miss;
        }
    }

    /** One request of the file, watched; the file's path, or empty when the run stopped. */
    private Optional<Path> attempt(FetchPool.Slot slot, FetchPool pool) throws MissException {
        MediaItem item = slot.work.item();
        ProgressBoard.Entry entry = board.open(item.file().size());
        long[] seen = {0};
        Download download;
        try {
            stats.attempts.incrementAndGet();
            listener.started(item);
            int priority = pool.priority(slot);
            download = telegram.download(item.file(), priority, (downloaded, total) -> {
                entry.progress(downloaded);
                pool.progress(slot, downloaded);
                synchronized (seen) {
                    if (downloaded > seen[0]) {
                        stats.activeBytes.addAndGet(downloaded - seen[0]);
                        seen[0] = downloaded;
                    }
                }
                listener.progress(item, downloaded, total);
            });
            pool.attach(slot, download, priority);
        } catch (StoppedException e) {
            entry.close();
            return Optional.empty();
        }
        try {
            while (true) {
                try {
                    return Optional.of(clock.await(download.completion(), POLL));
                } catch (TimeoutException e) {
                    if (control.stopped()) {
                        download.cancel();
                        return Optional.empty();
                    }
                    Optional<String> stalled = entry.stalled();
                    if (stalled.isPresent()) {
                        download.cancel();
                        throw new MissException(new Stall(stalled.get()));
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TelegramException t) {
                        throw new MissException(new Failure(t, entry));
                    }
                    throw new MissException(new Failure(new TelegramException(TelegramException.Kind.TRANSIENT,
                            "download of " + item.describe() + " failed: " + e.getCause(), null, e.getCause()), entry));
                } catch (InterruptedException e) {
                    download.cancel();
                    if (control.stopped()) {
                        return Optional.empty();
                    }
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        } finally {
            pool.attach(slot, null, 0);
            entry.close();
            synchronized (seen) {
                stats.activeBytes.addAndGet(-seen[0]);
            }
        }
    }

    /** A 429 on a download: the downloads pause for it, or the run stops when it passes the cap. */
    private boolean explicitFlood(Duration wait) {
        stats.flood(wait, true);
        policy.onFlood(wait);
        listener.floodWait(wait, true);
        if (wait.compareTo(options.floodWaitCap()) > 0) {
            control.stop(StopReason.FLOOD_WAIT_CAP, "Telegram asked to wait " + wait.toSeconds()
                    + " s, more than --flood-wait-cap " + options.floodWaitCap().toSeconds() + " s");
            return false;
        }
        gate.close(jitter.apply(wait));
        return true;
    }

    private enum Verdict { FLOOD, FAULT }

    /**
     * TDLib stopped a download without a reason: a flood wait past its 60 s when downloads were
     * paused or this one sat still before it stopped; otherwise the file's own failure.
     */
    private Verdict stopped(ProgressBoard.Entry entry, MediaItem item) {
        boolean evidence = telegram.isConnected() && (board.paused() || entry.silentFor(SAT_STILL));
        boolean together = telegram.isConnected() && !board.movedWithin(TOGETHER) && episodes.recentStop(clock.nanos());
        if (evidence || together) {
            episodes.suspect(item, evidence);
        }
        return evidence ? Verdict.FLOOD : Verdict.FAULT;
    }

    /**
     * Suspected flood waits past TDLib's 60 s, as episodes: however many downloads one wait stops, it
     * pauses downloads once ({@value #SUSPECTED_SECONDS} s) and tells the policy once; a download
     * stopped again right after the pause means the wait is still on, and pauses {@value #PROBE_SECONDS} s more.
     */
    private final class Episodes {
        private long until = Long.MIN_VALUE;
        private long lastStop = Long.MIN_VALUE;

        synchronized boolean recentStop(long now) {
            boolean recent = lastStop != Long.MIN_VALUE && now - lastStop < TOGETHER.toNanos();
            lastStop = now;
            return recent;
        }

        void suspect(MediaItem item, boolean evidence) {
            long now = clock.nanos();
            Duration pause;
            boolean episode;
            synchronized (this) {
                if (now < until) {
                    return; // stopped by the wait already paused for
                }
                episode = until == Long.MIN_VALUE || now - until > Duration.ofSeconds(PROBE_SECONDS).toNanos();
                pause = jitter.apply(Duration.ofSeconds(episode ? SUSPECTED_SECONDS : PROBE_SECONDS));
                until = now + pause.toNanos();
            }
            if (episode) {
                Duration assumed = Duration.ofSeconds(SUSPECTED_SECONDS);
                stats.flood(assumed, false);
                policy.onFlood(assumed);
                listener.floodWait(pause, false);
            }
            listener.note("TDLib stopped " + item.describe() + (evidence ? " after a pause" : " with others at once")
                    + (episode ? ", most likely for a flood wait: " : ", the wait is not over: ")
                    + "pausing downloads " + pause.toSeconds() + " s");
            gate.close(pause);
        }
    }
}
