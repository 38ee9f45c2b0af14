package dev.tgdl.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * tgdl's settings after layering built-in defaults &lt; config.yaml &lt; {@code TGDL_*} environment
 * variables. Command-line flags are applied last by each command, on top of these values.
 * Every key is documented in {@code config.example.yaml}; {@link ConfigLoader} builds this record.
 *
 * @param apiId          Telegram API id from my.telegram.org (needed for a real account)
 * @param apiHash        Telegram API hash from my.telegram.org
 * @param tdjson         libtdjson to load instead of the bundled one
 * @param proxy          proxy URL applied with TDLib's addProxy before login
 * @param logLevel       level of tgdl's log on stderr: error, warn, info, debug, trace
 * @param tdlibVerbosity TDLib's own log level (0..5); TDLib logs to the profile's tdlib.log, never the terminal
 * @param download       defaults of {@code tgdl download} and of every archive job
 * @param archive        the retry schedule of archive runs
 * @param notifications  the {@code notify:} key: optional run summaries sent as Telegram messages
 * @param jobs           the jobs {@code tgdl archive} runs
 */
public record Config(Optional<Integer> apiId, Optional<String> apiHash, Optional<Path> tdjson, Optional<String> proxy,
                     String logLevel, int tdlibVerbosity, DownloadConfig download, ArchiveConfig archive,
                     @JsonProperty("notify") NotifyConfig notifications, List<JobConfig> jobs) {

    /**
     * Download settings.
     *
     * @param output       output folder, relative to the working directory unless absolute
     * @param template     file layout under the output folder (see the README's placeholders)
     * @param types        media types to download
     * @param include      only these extensions (empty: all)
     * @param exclude      never these extensions
     * @param minSize      skip smaller files (bytes)
     * @param maxSize      skip larger files (bytes); empty = no limit
     * @param workers      starting number of concurrent downloads
     * @param maxWorkers   the adaptive controller's ceiling (≤ 32)
     * @param initialDelay starting pause before each request of a worker
     * @param minDelay     the controller's floor for that pause
     * @param maxDelay     the controller's ceiling for that pause
     * @param adaptive     false: fixed workers and delay
     * @param policy       the download policy: adaptive, design or fixed (see {@code download.Policies})
     * @param floodWaitCap a flood wait longer than this stops the run, resumable (exit 5)
     * @param requestRate  API calls per second of the proactive token bucket
     * @param requestBurst that bucket's burst
     * @param stallTimeout a download without progress for this long is cancelled and retried
     * @param maxRetries   retries of a transient failure within one run
     * @param timezone     zone of {date} in templates ("local" or an id such as UTC, Europe/Berlin)
     */
    public record DownloadConfig(Path output, String template, List<String> types, List<String> include,
                                 List<String> exclude, long minSize, Optional<Long> maxSize, int workers,
                                 int maxWorkers, Duration initialDelay, Duration minDelay, Duration maxDelay,
                                 boolean adaptive, String policy, Duration floodWaitCap, double requestRate,
                                 int requestBurst, Duration stallTimeout, int maxRetries, String timezone) {
    }

    /**
     * Retry schedule of archive runs.
     *
     * @param retryDelays delays before the 1st, 2nd ... retry of a failed item
     * @param retryEvery  delay before every later retry
     * @param maxAttempts attempts after which an item is a dead letter ({@code failed})
     */
    public record ArchiveConfig(List<Duration> retryDelays, Duration retryEvery, int maxAttempts) {
    }

    /**
     * Run summaries sent through Telegram.
     *
     * @param chat         destination: "me" (Saved Messages), @username or a chat id; empty: off
     * @param when         "failures" (new dead letters) or "always"
     * @param perChatRate  messages per second to one chat
     * @param perChatBurst burst to one chat
     * @param globalRate   messages per second overall
     * @param maxRetries   attempts to send one summary
     * @param floodWaitCap longest flood wait honoured before giving up on a summary
     */
    public record NotifyConfig(String chat, String when, double perChatRate, int perChatBurst, double globalRate,
                               int maxRetries, Duration floodWaitCap) {

        public boolean enabled() {
            return !chat.isBlank();
        }
    }

    /**
     * One archive job. Unset fields take the {@code download:} values.
     *
     * @param name    the job's name, for --job and reports
     * @param sources channels and groups, as for tgdl download
     * @param output  output folder of this job
     * @param export  a JSON Lines file of every message the job's scan looks at (as --export)
     */
    public record JobConfig(String name, List<String> sources, Optional<Path> output, Optional<String> template,
                            Optional<List<String>> types, Optional<List<String>> include,
                            Optional<List<String>> exclude, Optional<Long> minSize, Optional<Long> maxSize,
                            Optional<Integer> workers, Optional<Integer> maxWorkers, Optional<Path> export) {
    }
}
