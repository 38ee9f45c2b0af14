package dev.tgdl.download;

import dev.tgdl.telegram.MediaItem;
import java.nio.file.Path;

/**
 * Where an item's end is written, the same way from every stage: the ledger, the run's and the
 * source's counters, and the progress listener.
 */
final class Outcomes {

    private final Ledger ledger;
    private final DownloadStats stats;
    private final ProgressListener listener;

    Outcomes(Ledger ledger, DownloadStats stats, ProgressListener listener) {
        this.ledger = ledger;
        this.stats = stats;
        this.listener = listener;
    }

    void downloaded(MediaItem item, SourceStats source, Path target, long size) {
        ledger.downloaded(item, target, size);
        stats.successes.incrementAndGet();
        stats.bytes.addAndGet(size);
        source.downloaded.incrementAndGet();
        source.bytes.addAndGet(size);
        listener.finished(item, ProgressListener.Outcome.DOWNLOADED, target.toString());
    }

    /** Counted as skipped (already there); the ledger is the caller's to update. */
    void skipped(MediaItem item, SourceStats source, String reason) {
        stats.skipped.incrementAndGet();
        source.skipped.incrementAndGet();
        listener.finished(item, ProgressListener.Outcome.SKIPPED, reason);
    }

    void failed(MediaItem item, SourceStats source, String error, boolean permanent) {
        ledger.failed(item, error, permanent);
        stats.failed.incrementAndGet();
        source.failed.incrementAndGet();
        listener.finished(item, ProgressListener.Outcome.FAILED, error);
    }
}
