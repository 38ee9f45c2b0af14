package dev.tgdl.archive;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed file is tried again: after the listed delays (5, 10, 20, 40, 60 min by default),
 * then every {@code every}, until {@code maxAttempts} attempts have failed; after that it is a
 * dead letter.
 *
 * @param delays      delays before the 1st, 2nd ... retry
 * @param every       delay before every later retry
 * @param maxAttempts failed attempts after which the file is a dead letter
 */
public record RetryPolicy(List<Duration> delays, Duration every, int maxAttempts) {

    public RetryPolicy {
        delays = List.copyOf(delays);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
    }

    /** The design's schedule: 5, 10, 20, 40, 60 minutes, then hourly, 10 attempts. */
    public static RetryPolicy standard() {
        return new RetryPolicy(List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20),
                Duration.ofMinutes(40), Duration.ofMinutes(60)), Duration.ofMinutes(60), 10);
    }

    /** The delay before the next try after {@code failedAttempts} failures; empty when it is a dead letter. */
    public Optional<Duration> delayAfter(int failedAttempts) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(failedAttempts - 1 < delays.size() ? delays.get(Math.max(0, failedAttempts - 1)) : every);
    }
}
