package dev.tgdl.download;

import java.time.Duration;

/**
 * A snapshot of a {@link Throttle}.
 *
 * @param workers              downloads allowed in flight
 * @param delay                pause before each request
 * @param consecutiveSuccesses successes since the last flood
 * @param floods               flood waits seen
 * @param shrinks              times the controller backed off
 * @param grows                times it added a worker
 * @param minWorkers           fewest workers so far
 * @param maxWorkers           most workers so far
 * @param maxDelay             longest delay so far
 */
public record ThrottleState(int workers, Duration delay, long consecutiveSuccesses, long floods, long shrinks,
                            long grows, int minWorkers, int maxWorkers, Duration maxDelay) {
}
