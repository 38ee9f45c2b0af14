package dev.tgdl.bench;

import dev.tgdl.sim.Scenario;
import java.time.Duration;

/**
 * The simulator's lower bound for downloading a channel: the least time its model allows, whatever
 * the client does (docs/scenarios.md, "The lower bound"). The work needs
 * <ul>
 *   <li>its bytes over the data centre's bandwidth;</li>
 *   <li>its bytes through TDLib's bytes in flight: at most {@code IN_FLIGHT} (2 MiB, 16 MiB with
 *       Premium) are in flight, each part at least a round trip (and, once the speed limit applies,
 *       its share of {@code FLOOD_PREMIUM_WAIT}s on top);</li>
 *   <li>its parts through the data centre's part budget (the burst is free);</li>
 *   <li>its history loads (about one per 50 messages) through the account's history budget, and one
 *       after the other: TDLib loads a chat's history newest to oldest, each load below the last, a
 *       round trip each.</li>
 * </ul>
 * Each is integrated over the limit phases; the bound is the longest of them, the transfer terms
 * plus the first part's shortest round trip.
 */
final class LowerBound {

    /** TDLib's bytes of parts in flight per data centre (FileDownloadManager.h). */
    static final double IN_FLIGHT = 1 << 21;
    private static final double STEP = 0.01;
    /** The shortest round trip of a part: the simulator jitters it ±20 % (Transfers). */
    private static final double PART_JITTER = 0.8;

    private LowerBound() {
    }

    /**
     * @param account the account's limits (history; the speed limit)
     * @param dc      the limits of the data centre the files live on
     * @param premium whether the account has Premium
     */
    static Duration of(Scenario.Limits account, Scenario.Limits dc, boolean premium, BenchScenario.Work work) {
        double rtt = dc.latency().toNanos() / 1e9;
        double inFlight = IN_FLIGHT * (premium ? 8 : 1);
        double bytes = timeFor(dc, work.bytes(), 0, t -> bandwidth(dc, t));
        double flight = inFlightTime(account, premium, work.bytes(), inFlight, Math.max(rtt, 1e-3));
        double parts = timeFor(dc, work.parts(), dc.parts().burst(), t -> bucket(dc, t, true));
        double history = Math.max(timeFor(account, work.historyLoads(), account.history().burst(),
                t -> bucket(account, t, false)), work.historyLoads() * account.latency().toNanos() / 1e9);
        // no byte flows before the first part's round trip (jittered down to 0.8 of it); the resolve and
        // the first history page may be answered from TDLib's cache, so they are not counted, and the
        // history chain already holds its own round trips
        double transfer = Math.max(Math.max(bytes, flight), parts) + PART_JITTER * rtt;
        return Duration.ofNanos((long) (Math.max(transfer, history) * 1e9));
    }

    /** Seconds to move {@code bytes} when at most {@code inFlight} bytes are in flight, each part a round trip at least. */
    private static double inFlightTime(Scenario.Limits account, boolean premium, long bytes, double inFlight, double rtt) {
        Scenario.SpeedLimit limit = account.speedLimit();
        double fast = inFlight / rtt;
        if (premium || limit.after() <= 0 || bytes <= limit.after()) {
            return bytes / fast;
        }
        double meanWait = (limit.waitMin().toNanos() + limit.waitMax().toNanos()) / 2e9;
        // each request of a part is slowed with that share, its resends too: share / (1 - share) waits a part
        double waits = limit.share() >= 1 ? Double.POSITIVE_INFINITY : limit.share() / (1 - limit.share());
        double slow = inFlight / (rtt + waits * meanWait);
        return limit.after() / fast + (bytes - limit.after()) / slow;
    }

    private interface Rate {
        double at(double seconds);
    }

    /** Seconds until a resource with {@code free} up front and {@code rate} after it has delivered {@code amount}. */
    private static double timeFor(Scenario.Limits limits, double amount, double free, Rate rate) {
        double capacity = free;
        double t = 0;
        while (capacity < amount) {
            capacity += rate.at(t) * STEP;
            t += STEP;
            if (t > 1e7) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return t;
    }

    private static double bandwidth(Scenario.Limits limits, double t) {
        double rate = limits.bandwidth();
        for (Scenario.Phase phase : limits.phases()) {
            if (phase.at().toNanos() / 1e9 <= t && phase.bandwidth().isPresent()) {
                rate = phase.bandwidth().get();
            }
        }
        return rate;
    }

    private static double bucket(Scenario.Limits limits, double t, boolean parts) {
        double rate = (parts ? limits.parts() : limits.history()).rate();
        for (Scenario.Phase phase : limits.phases()) {
            if (phase.at().toNanos() / 1e9 <= t) {
                rate = (parts ? phase.parts() : phase.history()).map(Scenario.Bucket::rate).orElse(rate);
            }
        }
        return rate;
    }
}
