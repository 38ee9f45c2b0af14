package dev.tgdl.download;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.tgdl.pacing.StopReason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The stats document of a run (printed with {@code --json}; stored by archive runs). Field names are
 * a contract (docs/architecture.md, "The stats document"), in snake_case on output.
 *
 * @param totalAttempts        download attempts, retries included
 * @param successfulDownloads  files downloaded and placed
 * @param skipped              files already present (on disk or in the manifest)
 * @param failed               files that failed in this run (queued for retry when a manifest is kept)
 * @param floodWaits           flood waits met: explicit 429s and waits TDLib absorbed
 * @param floodWaitSeconds     seconds of those waits
 * @param successRate          successful downloads ÷ attempts (1 when nothing was attempted)
 * @param floodWaitRate        flood waits ÷ requests made
 * @param downloadsPerMinute   successful downloads per minute of the run
 * @param bytesDownloaded      bytes downloaded in this run
 * @param elapsedSeconds       the run's duration
 * @param currentWorkers       the policy's files in flight at most, at the end
 * @param adaptiveDelay        the policy's pace at the end, seconds (see {@link PolicyState#delay()})
 * @param consecutiveSuccesses successes since the last flood wait
 * @param requests             API requests made (history pages, resolves, downloads started)
 * @param floodWaitsExplicit   429s received
 * @param floodWaitsInferred   waits inferred from calls TDLib held back
 * @param retries              retries after transient failures and stalls
 * @param stalls               downloads cancelled by the stall watchdog
 * @param planned              files that would be downloaded (--dry-run), or that were due
 * @param plannedBytes         their bytes
 * @param controller           the policy's trajectory
 * @param speedLimited         Telegram slowed this account's downloads (no Premium: updateSpeedLimitNotification)
 * @param stopped              why the run stopped early (null when it did not)
 * @param stoppedDetail        what stopped it, for people (null when it did not)
 * @param sources              per-source counts
 */
public record DownloadReport(long totalAttempts, long successfulDownloads, long skipped, long failed, long floodWaits,
                             double floodWaitSeconds, double successRate, double floodWaitRate,
                             double downloadsPerMinute, long bytesDownloaded, double elapsedSeconds, int currentWorkers,
                             double adaptiveDelay, long consecutiveSuccesses, long requests, long floodWaitsExplicit,
                             long floodWaitsInferred, long retries, long stalls, long planned, long plannedBytes,
                             Controller controller, boolean speedLimited, StopReason stopped, String stoppedDetail,
                             List<Source> sources) {

    /**
     * One source of the run.
     *
     * @param source     as typed
     * @param chatId     the chat's id (0 if unresolved)
     * @param chat       the chat's username or title
     * @param scanned    messages looked at
     * @param matched    media that passed the filters
     * @param downloaded files downloaded
     * @param skipped    files already present
     * @param failed     files that failed
     * @param bytes      bytes downloaded
     * @param status     whether it could be read
     * @param error      why the source failed, null when it did not
     */
    public record Source(String source, long chatId, String chat, long scanned, long matched, long downloaded,
                         long skipped, long failed, long bytes, Status status, String error) {
    }

    /** Whether a source could be read. */
    public enum Status {
        OK, ERROR;

        @JsonValue
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the controller did.
     *
     * @param policy     its name
     * @param minWorkers fewest workers
     * @param maxWorkers most workers
     * @param maxDelay   longest delay, seconds
     * @param shrinks    back-offs
     * @param grows      workers added
     */
    public record Controller(String policy, int minWorkers, int maxWorkers, double maxDelay, long shrinks, long grows) {
    }

    /**
     * What stopped the run early, for people: its detail ("--max-duration reached"), else its
     * reason; empty when the run ran out of work.
     */
    public Optional<String> stopDescription() {
        if (stopped == null) {
            return Optional.empty();
        }
        return Optional.of(stoppedDetail == null || stoppedDetail.isBlank() ? stopped.label().replace('_', ' ') : stoppedDetail);
    }

    /** Whether any file failed or any source could not be read. */
    public boolean hasFailures() {
        return failed > 0 || sources.stream().anyMatch(s -> s.status() == Status.ERROR);
    }
}
