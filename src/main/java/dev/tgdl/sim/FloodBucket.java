package dev.tgdl.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of Telegram's request limits as the server applies it: a token bucket, and flood waits that
 * escalate while the client keeps pushing. A request that finds the bucket empty starts an episode:
 * the limit is closed for W = base × factor^k, k being the episodes of the last {@code window}, and
 * the request is answered {@code FLOOD_WAIT_W}; every request sent while the episode runs is answered
 * with the seconds that remain. When the wait is over the bucket is full again, so requests that
 * piled up during it and still outrun it start the next, longer episode.
 *
 * <p>The server says nothing of how TDLib handles the answer: that is {@link NetQuery}'s part.
 */
final class FloodBucket {

    private static final Logger LOG = LoggerFactory.getLogger(FloodBucket.class);
    private final LongFunction<Scenario.Bucket> spec;
    private final Scenario.Flood flood;
    private final SimCounters counters;
    private final Deque<Long> episodes = new ArrayDeque<>();
    private double tokens = -1;
    private long last;
    private long blockedUntil = Long.MIN_VALUE;

    /**
     * @param spec  the bucket in force at a simulated time (limits change in phases)
     * @param flood how waits escalate
     */
    FloodBucket(LongFunction<Scenario.Bucket> spec, Scenario.Flood flood, SimCounters counters) {
        this.spec = spec;
        this.flood = flood;
        this.counters = counters;
    }

    /**
     * Decides a request arriving at {@code now}.
     *
     * @return 0 when admitted, else the seconds of the {@code FLOOD_WAIT_X} the server answers
     */
    int admit(long now) {
        if (now < blockedUntil) {
            return seconds(blockedUntil - now);
        }
        Scenario.Bucket bucket = spec.apply(now);
        if (tokens < 0) {
            tokens = bucket.burst();
            last = now;
        }
        tokens = Math.min(bucket.burst(), tokens + (now - last) / 1e9 * bucket.rate());
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        long window = flood.window().toNanos();
        while (!episodes.isEmpty() && episodes.peekFirst() < now - window) {
            episodes.pollFirst();
        }
        double wait = flood.base().toNanos() * Math.pow(flood.factor(), episodes.size());
        long waitNanos = (long) Math.min(flood.max().toNanos(), wait);
        episodes.addLast(now);
        LOG.debug("simulated flood wait {} s (episode {} within the window) at {} s", waitNanos / 1_000_000_000L,
                episodes.size(), now / 1_000_000_000L);
        blockedUntil = now + waitNanos;
        // once the wait is over the limit starts afresh: a full burst at its end
        tokens = Math.max(tokens, bucket.burst() - bucket.rate() * waitNanos / 1e9);
        counters.floodIssued(waitNanos);
        return seconds(waitNanos);
    }

    static int seconds(long nanos) {
        return (int) Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
