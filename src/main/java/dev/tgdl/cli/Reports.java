package dev.tgdl.cli;

import dev.tgdl.config.DataSizes;
import dev.tgdl.config.Durations;
import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.StopReason;
import java.time.Duration;

/** Run results as text for people, and the exit code a report implies. */
final class Reports {

    private Reports() {
    }

    /** The exit code of a finished run. */
    static ExitCode exitCode(DownloadReport report) {
        if (report.stopped() != null) {
            return report.stopped().equals(StopReason.INTERRUPTED.label()) ? ExitCode.INTERRUPTED : ExitCode.STOPPED_RESUMABLE;
        }
        return report.hasFailures() ? ExitCode.ITEMS_FAILED : ExitCode.OK;
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
        if (r.stopped() != null) {
            s.append(System.lineSeparator()).append("stopped early (").append(r.stopped().replace('_', ' '))
                    .append("): run the same command again to resume");
        }
        return s.toString();
    }
}
