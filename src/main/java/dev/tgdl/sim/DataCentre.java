package dev.tgdl.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The limits of one data centre: a token bucket per kind of request, flood waits that escalate
 * while the client keeps pushing, the download bandwidth, and the phases that change them.
 *
 * <p>A request that finds its bucket empty starts a flood episode: the kind is blocked for
 * W = base × factor^k, k being the episodes of the last {@code window}; when W is over the bucket is
 * full again. A wait of at most 60 s is what TDLib absorbs: the request is admitted again when it
 * ends (requests that piled up meanwhile may start the next, longer episode). Longer waits answer
 * 429 with the seconds that remain, to every request sent while they run.
 */
final class DataCentre {

    /** What admission decided. */
    sealed interface Decision permits Admit, Delay, TooMany {
    }

    record Admit() implements Decision {
    }

    /** Blocked for {@code nanos}, which TDLib absorbs; admit again afterwards. */
    record Delay(long nanos, boolean newEpisode) implements Decision {
    }

    /** 429 with {@code seconds}. */
    record TooMany(int seconds) implements Decision {
    }

    static final long ABSORBED_LIMIT = Duration.ofSeconds(60).toNanos();

    private final Scenario.Limits limits;
    private final long origin;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, Long> blockedUntil = new HashMap<>();
    private final Map<String, Deque<Long>> episodes = new HashMap<>();
    private final SimCounters counters;

    DataCentre(Scenario.Limits limits, long origin, SimCounters counters) {
        this.limits = limits;
        this.origin = origin;
        this.counters = counters;
    }

    /** A token bucket on simulated nanos. */
    private static final class Bucket {
        double tokens;
        long last;
        double rate;
        int burst;

        Bucket(Scenario.Bucket spec, long now) {
            this.rate = spec.rate();
            this.burst = spec.burst();
            this.tokens = burst;
            this.last = now;
        }

        boolean take(long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** The bucket spec of a kind at {@code now}, phases applied. */
    private Scenario.Bucket spec(String kind, long now) {
        Scenario.Bucket spec = switch (kind) {
            case "history" -> limits.history();
            case "resolve" -> limits.resolve();
            case "download" -> limits.download();
            case "send_global" -> limits.sendGlobal();
            default -> limits.send();
        };
        long elapsed = now - origin;
        for (Scenario.Phase phase : limits.phases()) {
            if (phase.at().toNanos() <= elapsed) {
                if (kind.equals("history") && phase.history().isPresent()) {
                    spec = phase.history().get();
                } else if (kind.equals("download") && phase.download().isPresent()) {
                    spec = phase.download().get();
                }
            }
        }
        return spec;
    }

    /** Download bytes per second at {@code now}. */
    long bandwidth(long now) {
        long bandwidth = limits.bandwidth();
        long elapsed = now - origin;
        for (Scenario.Phase phase : limits.phases()) {
            if (phase.at().toNanos() <= elapsed && phase.bandwidth().isPresent()) {
                bandwidth = phase.bandwidth().get();
            }
        }
        return bandwidth;
    }

    Duration latency() {
        return limits.latency();
    }

    /**
     * Decides a request of {@code kind} (a bucket key: "history", "download", "send:123" ...).
     */
    Decision admit(String key, String kind, long now) {
        long blocked = blockedUntil.getOrDefault(key, Long.MIN_VALUE);
        if (now < blocked) {
            long remaining = blocked - now;
            if (remaining <= ABSORBED_LIMIT) {
                return new Delay(remaining, false);
            }
            // told to wait: a request during the wait gets the time that remains
            return new TooMany(seconds(remaining));
        }
        Scenario.Bucket spec = spec(kind, now);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(spec, now));
        bucket.rate = spec.rate();
        bucket.burst = spec.burst();
        if (bucket.take(now)) {
            return new Admit();
        }
        long wait = episode(key, now);
        // the wait is what the limit asks: once it is over, the limit starts afresh (a full burst)
        bucket.tokens = Math.max(bucket.tokens, bucket.burst - bucket.rate * wait / 1e9);
        return wait <= ABSORBED_LIMIT ? new Delay(wait, true) : new TooMany(seconds(wait));
    }

    private long episode(String key, long now) {
        Deque<Long> recent = episodes.computeIfAbsent(key, k -> new ArrayDeque<>());
        long window = limits.flood().window().toNanos();
        while (!recent.isEmpty() && recent.peekFirst() < now - window) {
            recent.pollFirst();
        }
        double seconds = limits.flood().base().toNanos() / 1e9 * Math.pow(limits.flood().factor(), recent.size());
        long wait = (long) Math.min(limits.flood().max().toNanos(), seconds * 1e9);
        recent.addLast(now);
        blockedUntil.merge(key, now + wait, Math::max);
        counters.floodIssued(wait);
        return wait;
    }

    private static int seconds(long nanos) {
        return (int) Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
