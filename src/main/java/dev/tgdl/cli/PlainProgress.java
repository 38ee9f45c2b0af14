package dev.tgdl.cli;

import dev.tgdl.config.DataSizes;
import dev.tgdl.download.ChatTotals;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.telegram.MediaItem;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress as log lines, for --no-progress, cron and anything that is not a terminal: one line per
 * file downloaded or failed, one per flood wait, and a summary line every 30 s of real time.
 */
final class PlainProgress implements ProgressListener {

    private static final Logger LOG = LoggerFactory.getLogger("tgdl");
    private static final long SUMMARY_EVERY = Duration.ofSeconds(30).toNanos();

    private final AtomicReference<MediaDownloader> engine = new AtomicReference<>();
    private final AtomicLong expected = new AtomicLong(-1);
    private final AtomicLong lastSummary = new AtomicLong(System.nanoTime());

    void attach(MediaDownloader downloader) {
        engine.set(downloader);
    }

    @Override
    public void sourceStarted(String source, String chat, ChatTotals totals) {
        if (totals.files() >= 0) {
            expected.accumulateAndGet(totals.files(), (a, b) -> Math.max(a, 0) + b);
        }
        LOG.info("{}: scanning {}{}", source, chat, totals.files() >= 0 ? " (" + totals.files() + " files of the chosen types)" : "");
    }

    @Override
    public void sourceFailed(String source, String reason) {
        LOG.error("{}", reason);
    }

    @Override
    public void finished(MediaItem item, Outcome outcome, String detail) {
        switch (outcome) {
            case DOWNLOADED -> LOG.info("downloaded {} ({}) -> {}", item.describe(), DataSizes.format(item.file().size()), detail);
            case FAILED -> LOG.warn("failed {}: {}", item.describe(), detail);
            case RETRYING -> LOG.info("retrying {}: {}", item.describe(), detail);
            case SKIPPED -> LOG.debug("skipped {}: {}", item.describe(), detail);
            case CANCELLED -> LOG.debug("cancelled {}", item.describe());
        }
        summaryIfDue();
    }

    @Override
    public void floodWait(Duration wait, boolean explicit) {
        LOG.info("flood wait of {} s ({})", wait.toSeconds(), explicit ? "Telegram asked to wait" : "absorbed by TDLib");
    }

    @Override
    public void note(String message) {
        LOG.info("{}", message);
    }

    private void summaryIfDue() {
        long now = System.nanoTime();
        long last = lastSummary.get();
        MediaDownloader e = engine.get();
        if (e != null && now - last > SUMMARY_EVERY && lastSummary.compareAndSet(last, now)) {
            LOG.info("{}", ProgressLine.of(e.stats(), e.policy().state(), expected.get()));
        }
    }
}
