package dev.tgdl.download;

import dev.tgdl.telegram.SourceRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One download run, fully resolved from defaults, config and flags.
 *
 * @param sources      the sources, in order
 * @param filter       which media to take
 * @param policy       the download policy and its bounds
 * @param requestRate  API calls per second of the proactive token bucket
 * @param requestBurst that bucket's burst
 * @param floodWaitCap a flood wait above this stops the run (resumable)
 * @param stallTimeout a download without progress this long (while connected) is cancelled and retried
 * @param maxRetries   retries of a transient failure within the run
 * @param dryRun       plan only: resolve, scan and place, download nothing
 * @param join         join chats of invite links when not a member
 * @param full         rescan from the newest message, ignoring the ledger's high-water marks (files
 *                     recorded as done are checked on disk whenever met; missing or truncated ones are fetched again)
 * @param linkDuplicates a file already archived for another message is linked (or copied) to this
 *                     message's place too, instead of only being recorded as a duplicate
 * @param topic        {@code --topic}: the forum topic (its id, or its name) to take of each source that names
 *                     none itself; empty for every topic
 * @param comments     {@code --comments}: also the comments of each channel post scanned, from the channel's
 *                     discussion group
 */
public record DownloadOptions(List<SourceRef> sources, MediaFilter filter, PolicySettings policy,
                              double requestRate, int requestBurst, Duration floodWaitCap, Duration stallTimeout,
                              int maxRetries, boolean dryRun, boolean join, boolean full, boolean linkDuplicates,
                              Optional<String> topic, boolean comments) {

    /** A run of whole chats, without comments. */
    public DownloadOptions(List<SourceRef> sources, MediaFilter filter, PolicySettings policy, double requestRate,
                           int requestBurst, Duration floodWaitCap, Duration stallTimeout, int maxRetries, boolean dryRun,
                           boolean join, boolean full, boolean linkDuplicates) {
        this(sources, filter, policy, requestRate, requestBurst, floodWaitCap, stallTimeout, maxRetries, dryRun, join, full,
                linkDuplicates, Optional.empty(), false);
    }

    public DownloadOptions {
        sources = List.copyOf(sources);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries must be >= 0, got " + maxRetries);
        }
    }

    /** The same run over other sources (tgdl watch: one edited message of a chat). */
    public DownloadOptions withSources(List<SourceRef> others) {
        return new DownloadOptions(others, filter, policy, requestRate, requestBurst, floodWaitCap, stallTimeout,
                maxRetries, dryRun, join, full, linkDuplicates, topic, comments);
    }
}
