package dev.tgdl.cli;

import dev.tgdl.download.ChatTotals;
import dev.tgdl.download.DownloadStats;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.PolicyState;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the policy over time, one tab-separated line per file ended and per flood wait (simulated
 * seconds, files allowed in flight, pace in seconds, files done, bytes done, flood waits): what
 * {@code tgdl bench --plot} draws. Set with TGDL_BENCH_TRACE=FILE; it passes every event on.
 */
final class TraceListener implements ProgressListener, AutoCloseable {

    private final ProgressListener next;
    private final TimeSource clock;
    private final long start;
    private final Writer out;
    private final AtomicReference<MediaDownloader> engine = new AtomicReference<>();

    TraceListener(ProgressListener next, TimeSource clock, Path file) {
        this.next = next;
        this.clock = clock;
        this.start = clock.nanos();
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace " + file, e);
        }
    }

    void attach(MediaDownloader downloader) {
        engine.set(downloader);
    }

    private synchronized void point() {
        MediaDownloader e = engine.get();
        if (e == null) {
            return;
        }
        PolicyState state = e.policy().state();
        DownloadStats stats = e.stats();
        try {
            out.write(String.format(Locale.ROOT, "%.3f\t%d\t%.4f\t%d\t%d\t%d%n", clock.since(start).toNanos() / 1e9,
                    state.workers(), state.delay().toNanos() / 1e9, stats.successes(), stats.bytesIncludingActive(),
                    stats.floodCount()));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void sourceStarted(String source, String chat, ChatTotals totals) {
        next.sourceStarted(source, chat, totals);
    }

    @Override
    public void sourceFailed(String source, String reason) {
        next.sourceFailed(source, reason);
    }

    @Override
    public void planned(MediaItem item, Path target) {
        next.planned(item, target);
    }

    @Override
    public void started(MediaItem item) {
        next.started(item);
    }

    @Override
    public void progress(MediaItem item, long downloaded, long total) {
        next.progress(item, downloaded, total);
    }

    @Override
    public void finished(MediaItem item, Outcome outcome, String detail) {
        next.finished(item, outcome, detail);
        point();
    }

    @Override
    public void floodWait(Duration wait, boolean explicit) {
        next.floodWait(wait, explicit);
        point();
    }

    @Override
    public void note(String message) {
        next.note(message);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the trace is a diagnostic: losing its end loses nothing else
        }
    }
}
