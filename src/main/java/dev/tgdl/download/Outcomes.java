package dev.tgdl.download;

import dev.tgdl.telegram.MediaItem;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an item's end is written, the same way from every stage: the ledger, the run's and the
 * source's counters, and the progress listener.
 */
final class Outcomes {

    private final Ledger ledger;
    private final DownloadStats stats;
    private final ProgressListener listener;
    private final ExportTracker export;

    Outcomes(Ledger ledger, DownloadStats stats, ProgressListener listener, ExportTracker export) {
        this.ledger = ledger;
        this.stats = stats;
        this.listener = listener;
        this.export = export;
    }

    /** The messages of --export waiting for their files. */
    ExportTracker export() {
        return export;
    }

    void downloaded(MediaItem item, SourceStats source, Path target, long size) {
        ledger.downloaded(item, target, size);
        stats.successes.incrementAndGet();
        stats.bytes.addAndGet(size);
        source.downloaded.incrementAndGet();
        source.bytes.addAndGet(size);
        listener.finished(item, ProgressListener.Outcome.DOWNLOADED, target.toString());
        export.placed(item, target);
        export.settled(item);
    }

    /**
     * Counted as skipped (already there); the ledger is the caller's to update.
     *
     * @param at where the file is (exported as the message's file), if it is complete there
     */
    void skipped(MediaItem item, SourceStats source, String reason, Optional<Path> at) {
        stats.skipped.incrementAndGet();
        source.skipped.incrementAndGet();
        listener.finished(item, ProgressListener.Outcome.SKIPPED, reason);
        at.ifPresent(path -> export.placed(item, path));
        export.settled(item);
    }

    /** The item ends without a file in this run (filtered out, past the limit, only planned, or left for later). */
    void unplaced(MediaItem item) {
        export.settled(item);
    }

    void failed(MediaItem item, SourceStats source, String error, boolean permanent) {
        ledger.failed(item, error, permanent);
        stats.failed.incrementAndGet();
        source.failed.incrementAndGet();
        listener.finished(item, ProgressListener.Outcome.FAILED, error);
        export.settled(item);
    }
}
