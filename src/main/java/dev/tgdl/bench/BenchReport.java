package dev.tgdl.bench;

import dev.tgdl.config.DataSizes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The benchmark's results: per scenario and policy the median and spread over seeds, every run,
 * the pipeline/memory/start-up measurements, and the targets checked against them.
 *
 * @param pairs          per scenario and policy
 * @param runs           every run
 * @param extras         pipeline, memory and start-up (absent when not measured)
 * @param targets        each target and whether it holds
 * @param benchSeconds   real seconds the benchmark took
 */
public record BenchReport(List<Pair> pairs, List<RunResult> runs, Extras extras, List<Target> targets,
                          double benchSeconds) {

    /**
     * A median with its spread over seeds.
     *
     * @param median the median
     * @param min    the smallest
     * @param max    the largest
     */
    public record Stat(double median, double min, double max) {

        static Stat of(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
            double[] v = runs.stream().mapToDouble(metric).sorted().toArray();
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Stat(median, v[0], v[v.length - 1]);
        }
    }

    /**
     * One policy on one scenario, over its seeds.
     *
     * @param scenario         scenario
     * @param policy           policy
     * @param seeds            runs
     * @param finished         runs that downloaded everything within the budget
     * @param simSeconds       simulated wall time
     * @param lowerBound       the simulator's lower bound
     * @param efficiency       lower bound ÷ time
     * @param floodWaits       flood waits imposed
     * @param floodWaitSeconds their seconds
     * @param tooManyRequests  429s surfaced
     * @param filesPerMinute   files per simulated minute
     * @param bytesPerSecond   bytes per simulated second
     * @param cpuSeconds       CPU seconds
     * @param peakHeapBytes    peak heap
     */
    public record Pair(String scenario, String policy, int seeds, int finished, Stat simSeconds, Stat lowerBound,
                       Stat efficiency, Stat floodWaits, Stat floodWaitSeconds, Stat tooManyRequests,
                       Stat filesPerMinute, Stat bytesPerSecond, Stat cpuSeconds, Stat peakHeapBytes) {
    }

    /**
     * Measurements of tgdl itself.
     *
     * @param pipelineFiles         files of the uncapped pipeline run
     * @param pipelineFilesPerSecond files per real second
     * @param pipelineCpuMsPerFile  CPU milliseconds per file (tgdl and the simulator together)
     * @param memory                peak heap of @big runs under -Xmx256m, by messages and command
     * @param startupSeconds        wall time of tgdl --version (launcher and JVM start included), median of runs
     * @param cpuLoad               the demo/adaptive run with and without two busy loops
     */
    public record Extras(long pipelineFiles, double pipelineFilesPerSecond, double pipelineCpuMsPerFile,
                         List<MemoryRun> memory, double startupSeconds, CpuLoad cpuLoad) {
    }

    /**
     * One run idle and one with the processor kept busy.
     *
     * @param idleSeconds   simulated seconds, idle machine
     * @param loadedSeconds simulated seconds, two busy loops running
     * @param difference    |loaded − idle| ÷ idle
     */
    public record CpuLoad(double idleSeconds, double loadedSeconds, double difference) {
    }

    /**
     * A memory run in a child JVM with -Xmx256m.
     *
     * @param messages       messages of the channel
     * @param command        dry-run or download
     * @param exitCode       the child's exit code
     * @param peakHeapBytes  peak heap used
     * @param files          files planned or downloaded
     */
    public record MemoryRun(int messages, String command, int exitCode, long peakHeapBytes, long files) {
    }

    /**
     * A target of the benchmark.
     *
     * @param name     what is targeted
     * @param holds    whether the measurement meets it
     * @param measured the numbers
     */
    public record Target(String name, boolean holds, String measured) {
    }

    static List<Pair> summarize(List<RunResult> runs) {
        Map<String, List<RunResult>> groups = runs.stream().collect(Collectors.groupingBy(
                r -> r.scenario() + "\u0000" + r.policy(), LinkedHashMap::new, Collectors.toList()));
        List<Pair> pairs = new ArrayList<>();
        for (List<RunResult> g : groups.values()) {
            RunResult first = g.getFirst();
            pairs.add(new Pair(first.scenario(), first.policy(), g.size(), (int) g.stream().filter(RunResult::finished).count(),
                    Stat.of(g, RunResult::simSeconds), Stat.of(g, RunResult::lowerBoundSeconds), Stat.of(g, RunResult::efficiency),
                    Stat.of(g, r -> r.floodWaits()), Stat.of(g, RunResult::floodWaitSeconds),
                    Stat.of(g, r -> r.tooManyRequests()), Stat.of(g, RunResult::filesPerMinute),
                    Stat.of(g, RunResult::bytesPerSecond), Stat.of(g, RunResult::cpuSeconds),
                    Stat.of(g, r -> r.peakHeapBytes())));
        }
        return pairs;
    }

    /** The targets tgdl is held to, checked against what was measured. */
    static List<Target> targets(List<Pair> pairs, Extras extras) {
        List<Target> targets = new ArrayList<>();
        for (Pair p : pairs) {
            if (!p.policy().equals("adaptive")) {
                continue;
            }
            double want = List.of("demo", "large").contains(p.scenario()) ? 0.90 : 0.80;
            targets.add(new Target(String.format(Locale.ROOT, "adaptive efficiency >= %.2f on %s", want, p.scenario()),
                    p.efficiency().median() >= want, String.format(Locale.ROOT, "%.2f (%.2f..%.2f), %d of %d finished",
                            p.efficiency().median(), p.efficiency().min(), p.efficiency().max(), p.finished(), p.seeds())));
            List<Pair> fixed = pairs.stream().filter(f -> f.scenario().equals(p.scenario()) && f.policy().startsWith("fixed"))
                    .toList();
            if (!fixed.isEmpty()) {
                Pair best = fixed.stream().min(Comparator.comparingDouble(f -> f.simSeconds().median())).orElseThrow();
                targets.add(new Target("adaptive never slower than the best fixed policy on " + p.scenario(),
                        p.simSeconds().median() <= best.simSeconds().median() * 1.0001,
                        String.format(Locale.ROOT, "adaptive %.1f s, %s %.1f s", p.simSeconds().median(), best.policy(),
                                best.simSeconds().median())));
                if (List.of("strict", "bursty").contains(p.scenario())) {
                    targets.add(new Target("adaptive flood-wait seconds <= 1/3 of the best fixed policy's on " + p.scenario(),
                            p.floodWaitSeconds().median() <= best.floodWaitSeconds().median() / 3.0,
                            String.format(Locale.ROOT, "adaptive %.0f s, %s %.0f s", p.floodWaitSeconds().median(),
                                    best.policy(), best.floodWaitSeconds().median())));
                }
            }
            Pair second = find(pairs, p.scenario(), "adaptive (2nd run)");
            if (second != null) {
                targets.add(new Target("no 429 on a second run of the same profile on " + p.scenario(),
                        second.tooManyRequests().max() == 0, String.format(Locale.ROOT, "429s %.0f..%.0f, flood waits %.0f",
                                second.tooManyRequests().min(), second.tooManyRequests().max(), second.floodWaits().median())));
            }
        }
        if (extras != null) {
            targets.add(new Target("pipeline >= 2000 files/s", extras.pipelineFilesPerSecond() >= 2000,
                    String.format(Locale.ROOT, "%.0f files/s, %.2f CPU ms per file", extras.pipelineFilesPerSecond(),
                            extras.pipelineCpuMsPerFile())));
            targets.add(new Target("tgdl --version under 1 s", extras.startupSeconds() < 1.0,
                    String.format(Locale.ROOT, "%.2f s", extras.startupSeconds())));
            boolean allOk = extras.memory().stream().allMatch(m -> m.exitCode() == 0);
            long small = extras.memory().stream().filter(m -> m.messages() == 10_000).mapToLong(MemoryRun::peakHeapBytes).max().orElse(0);
            long big = extras.memory().stream().filter(m -> m.messages() == 100_000).mapToLong(MemoryRun::peakHeapBytes).max().orElse(0);
            targets.add(new Target("heap flat: 100k messages within 1.5x of 10k, -Xmx256m", allOk && big <= 1.5 * small,
                    extras.memory().stream().map(m -> m.messages() + " msgs " + m.command() + ": exit " + m.exitCode()
                            + ", peak " + DataSizes.format(m.peakHeapBytes())).collect(Collectors.joining("; "))));
            if (extras.cpuLoad() != null) {
                targets.add(new Target("two busy loops move the simulated time by under 3%", extras.cpuLoad().difference() < 0.03,
                        String.format(Locale.ROOT, "%.2f s idle, %.2f s loaded (%.2f%%)", extras.cpuLoad().idleSeconds(),
                                extras.cpuLoad().loadedSeconds(), 100 * extras.cpuLoad().difference())));
            }
        }
        return targets;
    }

    private static Pair find(List<Pair> pairs, String scenario, String policy) {
        return pairs.stream().filter(p -> p.scenario().equals(scenario) && p.policy().equals(policy)).findFirst().orElse(null);
    }
}
