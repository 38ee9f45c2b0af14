package dev.tgdl.bench;

import dev.tgdl.download.DownloadOptions;
import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.FolderSink;
import dev.tgdl.download.Ledger;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.MediaFilter;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.download.RunControl;
import dev.tgdl.download.SizeCache;
import dev.tgdl.download.Throttle;
import dev.tgdl.naming.PathTemplate;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimStats;
import dev.tgdl.sim.SimulatedTdlib;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.TdSession;
import dev.tgdl.time.TimeSource;
import dev.tgdl.time.VirtualClock;
import java.time.Instant;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Runs one policy on one scenario with one seed, in this JVM, against a fresh simulator. */
final class BenchRun {

    /** A run may take this many times its lower bound before it is stopped and reported unfinished. */
    static final int BUDGET_FACTOR = 4;

    private BenchRun() {
    }

    static RunResult run(BenchScenario s, Policy policy, long seed, Path work, boolean trace)
            throws InterruptedException, IOException {
        Scenario scenario = s.scenario().withSeed(seed).withTimeScale(s.timeScale());
        BenchScenario.Work expected = s.work(seed);
        Duration lowerBound = LowerBound.of(s.scenario().limits(), s.limits(), s.scenario().account().premium(), expected);
        VirtualClock clock = TimeSource.virtual(Instant.parse("2026-01-01T00:00:00Z"), Double.POSITIVE_INFINITY);
        TimeSource.Participation part = clock.participate();
        SimulatedTdlib sim = SimulatedTdlib.create(scenario, clock);
        Path dir = Files.createTempDirectory(work, s.name() + "-" + policy.name() + "-");
        List<RunResult.TracePoint> points = new CopyOnWriteArrayList<>();
        try (TdSession session = TdSession.open(new TdSession.Options(sim, dir.resolve("db"), dir.resolve("files"),
                dir.resolve("tdlib.log"), 0, 1, "bench", Optional.empty(), "bench", clock, Duration.ofSeconds(30)))) {
            Throttle throttle = policy.create(clock);
            DownloadOptions options = new DownloadOptions(List.of(SourceRef.parse("@" + s.channel())), MediaFilter.all(),
                    policy.settings(), 1000, 1000, Duration.ofHours(2), Duration.ofMinutes(2), 5, false, false, false, false);
            // a budget that a stalled download (cancelled after 90 s without a first byte) still fits in
            RunControl control = new RunControl(clock, Optional.of(lowerBound.multipliedBy(BUDGET_FACTOR).plusMinutes(2)));
            FolderSink sink = new FolderSink(dir.resolve("out"), PathTemplate.parse("{message_id}_{unique_id}"), ZoneOffset.UTC,
                    Ledger.NONE);
            MediaDownloader engine = new MediaDownloader(session.telegram(), sink, Ledger.NONE, ProgressListener.NONE,
                    throttle, clock, new SplittableRandom(seed), control, new SizeCache(clock), options);
            Thread sampler = trace ? startSampler(engine, clock, points) : null;
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long cpu = cpuNanos();
            DownloadReport report = engine.run();
            double cpuSeconds = (cpuNanos() - cpu) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            if (sampler != null) {
                clock.interrupt(sampler);
                sampler.join();
            }
            SimStats stats = sim.stats();
            double seconds = Math.max(0.001, report.elapsedSeconds());
            boolean finished = report.successfulDownloads() >= expected.files() && report.stopped() == null;
            double lb = lowerBound.toNanos() / 1e9;
            // an unfinished run is credited only with the share of the work it did
            double done = Math.min(1.0, report.successfulDownloads() / (double) Math.max(1, expected.files()));
            return new RunResult(s.name(), policy.name(), seed, finished, seconds, lb, lb * done / seconds,
                    stats.floodWaitsIssued(), stats.floodWaitSecondsImposed(), stats.tooManyRequests(),
                    report.successfulDownloads(), report.bytesDownloaded(), report.successfulDownloads() / (seconds / 60),
                    report.bytesDownloaded() / seconds, cpuSeconds, peak, List.copyOf(points));
        } finally {
            sim.close();
            part.close();
            clock.close();
            delete(dir);
        }
    }

    private static Thread startSampler(MediaDownloader engine, TimeSource clock, List<RunResult.TracePoint> points) {
        long start = clock.nanos();
        return clock.startThread("bench-trace", false, () -> {
            try {
                while (true) {
                    var state = engine.throttle().state();
                    var stats = engine.stats();
                    points.add(new RunResult.TracePoint(clock.since(start).toNanos() / 1e9, state.workers(),
                            state.delay().toNanos() / 1e9, stats.successes(), stats.bytesIncludingActive(),
                            stats.floodCount()));
                    clock.sleep(Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        });
    }

    static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
