package dev.tgdl.cli;

import dev.tgdl.config.DataSizes;
import dev.tgdl.config.Durations;
import dev.tgdl.download.DownloadStats;
import dev.tgdl.download.PolicyState;
import java.time.Duration;
import java.util.Locale;

/** The one-line summary of a run in progress, shared by the live view and the plain log. */
final class ProgressLine {

    private ProgressLine() {
    }

    /**
     * @param expectedFiles files the sources hold for the selection, -1 when unknown
     */
    static String of(DownloadStats stats, PolicyState throttle, long expectedFiles) {
        Duration elapsed = stats.elapsed();
        long done = stats.successes();
        long handled = done + stats.skippedCount() + stats.failures();
        double seconds = Math.max(0.001, elapsed.toNanos() / 1e9);
        long bytes = stats.bytesIncludingActive();
        StringBuilder s = new StringBuilder();
        s.append(done).append(" downloaded");
        if (expectedFiles > 0) {
            s.append(" of ").append(expectedFiles);
        }
        if (stats.skippedCount() > 0) {
            s.append(", ").append(stats.skippedCount()).append(" skipped");
        }
        if (stats.failures() > 0) {
            s.append(", ").append(stats.failures()).append(" failed");
        }
        s.append(" · ").append(DataSizes.format(bytes)).append(" · ").append(DataSizes.format((long) (bytes / seconds)))
                .append("/s");
        if (expectedFiles > 0 && handled > 0 && handled < expectedFiles) {
            double perFile = seconds / handled;
            s.append(" · ETA ").append(Durations.format(Duration.ofMillis((long) (perFile * (expectedFiles - handled) * 1000))));
        }
        s.append(" · workers ").append(throttle.workers())
                .append(" · delay ").append(String.format(Locale.ROOT, "%.2fs", throttle.delay().toNanos() / 1e9));
        if (stats.floodCount() > 0) {
            s.append(" · flood waits ").append(stats.floodCount());
        }
        s.append(" · ").append(Durations.format(elapsed));
        return s.toString();
    }
}
