package dev.tgdl.download;

import dev.tgdl.telegram.Download;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.telegram.TelegramException;
import dev.tgdl.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One attempt at downloading one file (create one per attempt), watched: a download that makes no progress for the stall
 * timeout while the connection is up is cancelled (its partial data stays for the retry); the time
 * to its first byte is measured, because a long one is a flood wait TDLib absorbed.
 */
final class Transfer {

    /** How an attempt ended, when it did not produce the file. */
    enum Failure { STALLED, STOPPED }

    /** Thrown when the attempt stalled or the run stopped. */
    static final class Aborted extends Exception {
        private static final long serialVersionUID = 1L;
        final Failure failure;

        Aborted(Failure failure) {
            this(failure, failure.name());
        }

        /** {@code why}: what the user reads, e.g. "no progress for 120 s". */
        Aborted(Failure failure, String why) {
            super(why, null, false, false);
            this.failure = failure;
        }
    }

    private final TimeSource clock;
    private final Telegram telegram;
    private final RunControl control;
    private final Duration stallTimeout;
    private final Duration firstByteTimeout;
    private volatile long bytesSeen;

    Transfer(TimeSource clock, Telegram telegram, RunControl control, Duration stallTimeout) {
        this.clock = clock;
        this.telegram = telegram;
        this.control = control;
        this.stallTimeout = stallTimeout;
        this.firstByteTimeout = stallTimeout.compareTo(FIRST_BYTE_LIMIT) < 0 ? stallTimeout : FIRST_BYTE_LIMIT;
    }

    /**
     * The result of a finished attempt.
     *
     * @param path           TDLib's finished copy
     * @param timeToFirstByte from the request to the first progress (or to completion)
     * @param outage         whether the connection was down at some point (timings say nothing then)
     */
    record Result(Path path, Duration timeToFirstByte, boolean outage, boolean reportedLate) {
    }

    /** Progress seen by the attempt, updated from the receive thread. */
    private static final class Watch {
        volatile long lastProgress;
        volatile long firstProgress = -1;
        volatile long bytes;
    }

    /**
     * Told once when a download's first byte is late (TDLib may be holding it back for a flood
     * wait), and when the first byte comes (late or not), or the attempt ends without one.
     */
    interface LateStart {
        void late(Duration waited);

        void firstByte();

        void ended();
    }

    /**
     * No first byte for this long, connected, is a stall even when the stall timeout is longer:
     * TDLib absorbs flood waits of up to 60 s and fails the download past that, so a download
     * silent for longer is not waiting out a flood.
     */
    static final Duration FIRST_BYTE_LIMIT = Duration.ofSeconds(90);

    Result run(MediaItem item, ProgressListener listener, DownloadStats stats) throws InterruptedException, Aborted {
        return run(item, listener, stats, Duration.ofDays(1), null);
    }

    Result run(MediaItem item, ProgressListener listener, DownloadStats stats, Duration lateAfter, LateStart late)
            throws InterruptedException, Aborted {
        long start = clock.nanos();
        Watch watch = new Watch();
        watch.lastProgress = start;
        boolean[] reportedLate = new boolean[1];
        Download download = telegram.download(item.file(), (downloaded, total) -> {
            long now = clock.nanos();
            if (watch.firstProgress < 0 && downloaded > 0) {
                watch.firstProgress = now;
                if (late != null) {
                    late.firstByte();
                }
            }
            if (downloaded != watch.bytes) {
                stats.activeBytes.addAndGet(downloaded - watch.bytes);
                watch.bytes = downloaded;
                watch.lastProgress = now;
            }
            listener.progress(item, downloaded, total);
        });
        boolean outage = false;
        long checked = start;
        Duration poll = Duration.ofMillis(250);
        try {
            while (true) {
                try {
                    Path path = clock.await(download.completion(), poll);
                    long first = watch.firstProgress < 0 ? clock.nanos() : watch.firstProgress;
                    return new Result(path, Duration.ofNanos(first - start), outage, reportedLate[0]);
                } catch (TimeoutException e) {
                    long now = clock.nanos();
                    long lastCheck = checked;
                    checked = now;
                    if (late != null && !reportedLate[0] && watch.firstProgress < 0 && telegram.isConnected()
                            && now - start > lateAfter.toNanos()) {
                        reportedLate[0] = true;
                        late.late(Duration.ofNanos(now - start));
                    }
                    if (control.stopped()) {
                        download.cancel();
                        throw new Aborted(Failure.STOPPED);
                    }
                    if (!telegram.isConnected()) {
                        // an outage is not a stall: the watchdog only counts connected time. Its
                        // length is skipped, not the count restarted: outages that come more often
                        // than the stall timeout must not hide a download that never moves.
                        outage = true;
                        watch.lastProgress += now - lastCheck;
                    } else {
                        boolean moved = watch.firstProgress >= 0;
                        Duration limit = moved ? stallTimeout : firstByteTimeout;
                        if (now - watch.lastProgress > limit.toNanos()) {
                            download.cancel();
                            throw new Aborted(Failure.STALLED,
                                    (moved ? "no progress for " : "no first byte for ") + limit.toSeconds() + " s");
                        }
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TelegramException t) {
                        throw t;
                    }
                    throw new TelegramException(TelegramException.Kind.TRANSIENT, "download of " + item.describe()
                            + " failed: " + e.getCause(), null, e.getCause());
                }
            }
        } catch (InterruptedException e) {
            download.cancel();
            throw e;
        } finally {
            if (late != null && reportedLate[0] && watch.firstProgress < 0) {
                late.ended(); // it ended without a first byte: whatever held it is not ours to wait for
            }
            bytesSeen = watch.bytes;
            stats.activeBytes.addAndGet(-watch.bytes);
        }
    }

    /** Bytes the attempt had downloaded when it ended (0: it never started moving). */
    long bytesSeen() {
        return bytesSeen;
    }
}
