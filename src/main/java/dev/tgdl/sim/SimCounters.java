package dev.tgdl.sim;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** The simulator's counters; thread-safe, read by tests and the benchmark. */
final class SimCounters {

    final AtomicLong requests = new AtomicLong();
    final Map<String, AtomicLong> byMethod = new ConcurrentHashMap<>();
    final AtomicLong floodsIssued = new AtomicLong();
    final DoubleAdder floodSeconds = new DoubleAdder();
    final AtomicLong tooMany = new AtomicLong();
    final AtomicLong absorbed = new AtomicLong();
    final AtomicLong bytesServed = new AtomicLong();
    final AtomicLong downloadsStarted = new AtomicLong();
    final AtomicLong downloadsCompleted = new AtomicLong();
    final AtomicLong downloadsFailed = new AtomicLong();
    final AtomicLong downloadsStalled = new AtomicLong();
    final AtomicLong historyCalls = new AtomicLong();
    final AtomicLong historyLoads = new AtomicLong();
    final AtomicLong resolves = new AtomicLong();
    final AtomicLong partsRequested = new AtomicLong();
    final AtomicLong premiumWaits = new AtomicLong();

    void request(String method) {
        requests.incrementAndGet();
        byMethod.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        if (method.equals("getChatHistory") || method.equals("searchChatMessages")) {
            historyCalls.incrementAndGet();
        }
    }

    void floodIssued(long nanos) {
        floodsIssued.incrementAndGet();
        floodSeconds.add(nanos / 1e9);
    }

    SimStats snapshot(Instant started, Instant now) {
        Map<String, Long> methods = new TreeMap<>();
        byMethod.forEach((k, v) -> methods.put(k, v.get()));
        return new SimStats(requests.get(), Map.copyOf(methods), floodsIssued.get(), floodSeconds.sum(), tooMany.get(),
                absorbed.get(), bytesServed.get(), downloadsStarted.get(), downloadsCompleted.get(),
                downloadsFailed.get(), downloadsStalled.get(), historyCalls.get(), historyLoads.get(), resolves.get(),
                partsRequested.get(), premiumWaits.get(), started, now);
    }
}
