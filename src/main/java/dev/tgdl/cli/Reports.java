package dev.tgdl.cli;

import dev.tgdl.config.DataSizes;
import dev.tgdl.config.Durations;
import dev.tgdl.download.DownloadReport;
import java.time.Duration;

/** Run results as text for people. */
final class Reports {

    private Reports() {
    }

    /** A few lines: what was done, what failed, why the run stopped. */
    static String summary(DownloadReport r, boolean dryRun) {
        StringBuilder s = new StringBuilder();
        Duration elapsed = Duration.ofMillis((long) (r.elapsedSeconds() * 1000));
        if (dryRun) {
            s.append("would download ").append(r.planned()).append(" files (").append(DataSizes.format(r.plannedBytes()))
                    .append("); ").append(r.skipped()).append(" already present");
        } else {
            s.append("downloaded ").append(r.successfulDownloads()).append(" files (")
                    .append(DataSizes.format(r.bytesDownloaded())).append(") in ").append(Durations.format(elapsed))
                    .append("; ").append(r.skipped()).append(" skipped, ").append(r.failed()).append(" failed");
            if (r.floodWaits() > 0) {
                s.append("; ").append(r.floodWaits()).append(" flood waits (").append(Math.round(r.floodWaitSeconds()))
                        .append(" s)");
            }
        }
        for (DownloadReport.Source source : r.sources()) {
            if (source.error() != null) {
                s.append(System.lineSeparator()).append("error: ").append(source.error());
            }
        }
        r.stopDescription().ifPresent(why -> s.append(System.lineSeparator()).append("stopped early (").append(why)
                .append("): run the same command again to resume"));
        return s.toString();
    }
}
