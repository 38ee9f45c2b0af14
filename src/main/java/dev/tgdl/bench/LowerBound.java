package dev.tgdl.bench;

import dev.tgdl.sim.Scenario;
import java.time.Duration;

/**
 * The simulator's lower bound for a piece of work: the least time its own caps allow, whatever
 * the client does. Each resource is integrated over the limit phases: the downloads need their
 * count in tokens (the burst is free), the bytes need the bandwidth, the history pages need history
 * tokens. The bound is the longest of the three.
 */
final class LowerBound {

    private static final double STEP = 0.01;

    private LowerBound() {
    }

    static Duration of(Scenario.Limits limits, long files, long bytes, long historyCalls) {
        double downloads = timeFor(limits, files, Resource.DOWNLOADS);
        double transfer = timeFor(limits, bytes, Resource.BYTES);
        double history = timeFor(limits, historyCalls, Resource.HISTORY);
        return Duration.ofNanos((long) (Math.max(downloads, Math.max(transfer, history)) * 1e9));
    }

    private enum Resource { DOWNLOADS, BYTES, HISTORY }

    /** Seconds until the capacity of {@code resource} reaches {@code amount}. */
    private static double timeFor(Scenario.Limits limits, double amount, Resource resource) {
        if (amount <= 0) {
            return 0;
        }
        double capacity = switch (resource) {
            case DOWNLOADS -> limits.download().burst();
            case HISTORY -> limits.history().burst();
            case BYTES -> 0;
        };
        double t = 0;
        while (capacity < amount) {
            capacity += rate(limits, resource, t) * STEP;
            t += STEP;
            if (t > 1e7) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return t;
    }

    private static double rate(Scenario.Limits limits, Resource resource, double t) {
        double rate = switch (resource) {
            case DOWNLOADS -> limits.download().rate();
            case HISTORY -> limits.history().rate();
            case BYTES -> limits.bandwidth();
        };
        for (Scenario.Phase phase : limits.phases()) {
            if (phase.at().toNanos() / 1e9 <= t) {
                rate = switch (resource) {
                    case DOWNLOADS -> phase.download().map(Scenario.Bucket::rate).orElse(rate);
                    case HISTORY -> phase.history().map(Scenario.Bucket::rate).orElse(rate);
                    case BYTES -> phase.bandwidth().map(b -> (double) b).orElse(rate);
                };
            }
        }
        return rate;
    }
}
