package dev.tgdl.download;

import java.time.Duration;

/**
 * A snapshot of a {@link DownloadPolicy}.
 *
 * @param workers              files allowed in flight now
 * @param delay                the pace: time between file requests (fixed, design) or between part
 *                             tokens (adaptive; zero while no limit is known)
 * @param consecutiveSuccesses downloads since the last flood wait
 * @param floods               flood waits seen
 * @param shrinks              times the policy backed off
 * @param grows                times it sped up
 * @param minWorkers           fewest files allowed in flight so far
 * @param maxWorkers           most files allowed in flight so far
 * @param maxDelay             longest pace so far
 */
public record PolicyState(int workers, Duration delay, long consecutiveSuccesses, long floods, long shrinks,
                          long grows, int minWorkers, int maxWorkers, Duration maxDelay) {
}
