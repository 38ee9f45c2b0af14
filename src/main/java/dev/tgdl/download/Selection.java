package dev.tgdl.download;

import dev.tgdl.telegram.MediaItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The select stage: decides, for each item the scan hands over, whether it is downloaded. It skips
 * what is archived (in the ledger and complete on disk) or already in place, records a second
 * message with a file already archived or on its way as a duplicate (or links it), honours the
 * limit, reserves the item's place and records it as queued. Runs on the scan's thread, one item at
 * a time; the files on their way are shared with the fetch stage, which ends them.
 */
final class Selection {

    private static final Logger LOG = LoggerFactory.getLogger(Selection.class);

    private final FileSink sink;
    private final Ledger ledger;
    private final DownloadOptions options;
    private final DownloadStats stats;
    private final ProgressListener listener;
    private final Outcomes outcomes;
    /**
     * Files queued or downloading, by unique id: a second message with the same file is a duplicate
     * of it, and the same message selected twice in one run (a pending file of an interrupted run that
     * the scan meets again) is queued once.
     */
    private final Map<String, Work> onTheirWay = new ConcurrentHashMap<>();

    Selection(FileSink sink, Ledger ledger, DownloadOptions options, DownloadStats stats, ProgressListener listener,
              Outcomes outcomes) {
        this.sink = sink;
        this.ledger = ledger;
        this.options = options;
        this.stats = stats;
        this.listener = listener;
        this.outcomes = outcomes;
    }

    /** Counts of one source's selection. */
    static final class Counts {
        long selected;
        long selectedBytes;
    }

    /**
     * Decides an item.
     *
     * @return the work to download, if any; empty when it was skipped, recorded, failed to be placed,
     *         only planned (dry run), or the source's limit is reached (then {@code counts} says so)
     */
    Optional<Work> select(MediaItem item, SourceStats source, Counts counts) {
        String uniqueId = item.file().uniqueId();
        Work queued = onTheirWay.get(uniqueId);
        if (queued != null && queued.item().chat().id() == item.chat().id() && queued.item().messageId() == item.messageId()) {
            // already on its way in this run: recording it as a duplicate of itself would overwrite its
            // pending row, and a run stopped before the download would then never fetch it
            return Optional.empty();
        }
        if (limitReached(counts)) {
            outcomes.unplaced(item);
            return Optional.empty();
        }
        counts.selected++;
        counts.selectedBytes += item.file().size();
        Optional<Ledger.Done> done = ledger.done(item);
        if (done.isPresent() && isComplete(done.get().path(), item.file().size())) {
            outcomes.skipped(item, source, "already archived at " + done.get().path(), Optional.of(done.get().path()));
            return Optional.empty();
        }
        Placement placement;
        try {
            placement = sink.place(item);
        } catch (IOException | RuntimeException e) {
            outcomes.failed(item, source, "cannot place the file: " + e.getMessage(), true);
            return Optional.empty();
        }
        Reservation reservation = new Reservation(sink, item, placement);
        if (placement.present()) {
            reservation.close();
            ledger.alreadyPresent(item, placement.target(), item.file().size());
            outcomes.skipped(item, source, "already on disk at " + placement.target(), Optional.of(placement.target()));
            return Optional.empty();
        }
        Optional<Path> copy = ledger.archivedCopy(uniqueId)
                .filter(c -> isComplete(c.path(), item.file().size())).map(Ledger.Done::path)
                .or(() -> Optional.ofNullable(onTheirWay.get(uniqueId)).map(w -> w.reservation().placement().target()));
        if (copy.isPresent()) {
            duplicate(reservation, source, copy.get());
            return Optional.empty();
        }
        stats.planned.incrementAndGet();
        stats.plannedBytes.addAndGet(item.file().size());
        listener.planned(item, placement.target());
        if (options.dryRun()) {
            reservation.close();
            outcomes.unplaced(item);
            return Optional.empty();
        }
        ledger.queued(item, placement.target());
        Work work = new Work(item, reservation, source);
        onTheirWay.put(uniqueId, work);
        return Optional.of(work);
    }

    /** Whether the source's limit of files is reached. */
    boolean limitReached(Counts counts) {
        return options.filter().limit().isPresent() && counts.selected >= options.filter().limit().getAsLong();
    }

    /** The work ended (downloaded, failed, or given up): its file is no longer on its way. */
    void ended(Work work) {
        onTheirWay.remove(work.item().file().uniqueId(), work);
        outcomes.unplaced(work.item()); // its message is exported with what it got, if it was not already
    }

    /** A second message with a file already archived (or on its way): recorded, or linked when asked. */
    private void duplicate(Reservation reservation, SourceStats source, Path copy) {
        MediaItem item = reservation.item();
        try (reservation) {
            if (options.linkDuplicates() && !options.dryRun() && Files.isRegularFile(copy)) {
                try {
                    Path linked = reservation.link(copy);
                    ledger.alreadyPresent(item, linked, item.file().size());
                    outcomes.skipped(item, source, "linked to " + copy, Optional.of(linked));
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.debug("cannot link {} to {}", item.describe(), copy, e);
                }
            }
            ledger.duplicate(item, copy);
            outcomes.skipped(item, source, "same file as " + copy,
                    Optional.of(copy).filter(c -> isComplete(c, item.file().size())));
        }
    }

    static boolean isComplete(Path path, long size) {
        try {
            return Files.isRegularFile(path) && (size <= 0 || Files.size(path) == size);
        } catch (IOException e) {
            return false;
        }
    }
}
