package dev.tgdl.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A data centre as the account meets it: its round trip, its download bandwidth, its part budget
 * ({@code upload.getFile}, charged per part) and, on the account's main data centre, the limits of
 * history, search, resolve and sending, which TDLib sends there whatever the chat
 * (td/telegram/net/NetQueryDispatcher.cpp, DcId::main()). Limits change in phases.
 */
final class DataCentre {

    private final int id;
    private final Scenario.Limits limits;
    private final long origin;
    private final SimCounters counters;
    private final FloodBucket parts;
    private final Map<String, FloodBucket> api = new HashMap<>();

    DataCentre(int id, Scenario.Limits limits, long origin, SimCounters counters) {
        this.id = id;
        this.limits = limits;
        this.origin = origin;
        this.counters = counters;
        this.parts = new FloodBucket(now -> phased(now, limits.parts(), true), limits.flood(), counters);
    }

    int id() {
        return id;
    }

    Duration latency() {
        return limits.latency();
    }

    /** The part budget of this data centre. */
    FloodBucket parts() {
        return parts;
    }

    /**
     * An API limit of the main data centre: "history", "resolve", "send:CHAT", "send_global".
     */
    FloodBucket api(String key) {
        return api.computeIfAbsent(key, k -> new FloodBucket(now -> switch (k) {
            case "history" -> phased(now, limits.history(), false);
            case "resolve" -> limits.resolve();
            case "send_global" -> limits.sendGlobal();
            default -> limits.send();
        }, limits.flood(), counters));
    }

    private Scenario.Bucket phased(long now, Scenario.Bucket base, boolean forParts) {
        Scenario.Bucket spec = base;
        long elapsed = now - origin;
        for (Scenario.Phase phase : limits.phases()) {
            if (phase.at().toNanos() <= elapsed) {
                spec = (forParts ? phase.parts() : phase.history()).orElse(spec);
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

    /** Simulated times (clock nanos) at which a phase changes the bandwidth. */
    long[] bandwidthChanges() {
        return limits.phases().stream().filter(p -> p.bandwidth().isPresent())
                .mapToLong(p -> origin + p.at().toNanos()).toArray();
    }

    @Override
    public String toString() {
        return "DC" + id;
    }
}
