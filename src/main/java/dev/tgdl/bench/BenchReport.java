package dev.tgdl.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
     */
    public record Extras(long pipelineFiles, double pipelineFilesPerSecond, double pipelineCpuMsPerFile,
                         List<MemoryRun> memory, double startupSeconds) {
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

    /** The targets of the benchmark issue, checked against what was measured. */
    static List<Target> targets(List<Pair> pairs, Extras extras) {
        List<Target> targets = new ArrayList<>();
        for (Pair p : pairs) {
            if (p.policy().equals("adaptive")) {
                targets.add(new Target("adaptive efficiency >= 0.90 on " + p.scenario(), p.efficiency().median() >= 0.90,
                        String.format(java.util.Locale.ROOT, "%.2f (%.2f..%.2f)", p.efficiency().median(),
                                p.efficiency().min(), p.efficiency().max())));
            }
        }
        for (String scenario : List.of("strict", "bursty")) {
            Pair adaptive = find(pairs, scenario, "adaptive");
            List<Pair> fixed = pairs.stream().filter(p -> p.scenario().equals(scenario) && p.policy().startsWith("fixed"))
                    .toList();
            if (adaptive == null || fixed.isEmpty()) {
                continue;
            }
            Pair bestFixed = fixed.stream().min(Comparator.comparingDouble(p -> p.simSeconds().median())).orElseThrow();
            boolean faster = fixed.stream().allMatch(f -> adaptive.simSeconds().median() < f.simSeconds().median());
            targets.add(new Target("adaptive beats every fixed policy on wall time on " + scenario, faster,
                    String.format(java.util.Locale.ROOT, "adaptive %.0f s, best fixed (%s) %.0f s", adaptive.simSeconds().median(),
                            bestFixed.policy(), bestFixed.simSeconds().median())));
            boolean fewer = adaptive.floodWaitSeconds().median() <= bestFixed.floodWaitSeconds().median() / 3.0;
            targets.add(new Target("adaptive flood-wait seconds <= 1/3 of the best fixed policy's on " + scenario, fewer,
                    String.format(java.util.Locale.ROOT, "adaptive %.0f s, %s %.0f s", adaptive.floodWaitSeconds().median(),
                            bestFixed.policy(), bestFixed.floodWaitSeconds().median())));
        }
        if (extras != null) {
            targets.add(new Target("pipeline >= 500 files/s", extras.pipelineFilesPerSecond() >= 500,
                    String.format(java.util.Locale.ROOT, "%.0f files/s, %.2f CPU ms per file", extras.pipelineFilesPerSecond(),
                            extras.pipelineCpuMsPerFile())));
            targets.add(new Target("tgdl --version under 1 s", extras.startupSeconds() < 1.0,
                    String.format(java.util.Locale.ROOT, "%.2f s", extras.startupSeconds())));
            boolean allOk = extras.memory().stream().allMatch(m -> m.exitCode() == 0);
            targets.add(new Target("@big dry run and download complete with -Xmx256m", allOk && !extras.memory().isEmpty(),
                    extras.memory().stream().map(m -> m.messages() + " msgs " + m.command() + ": exit " + m.exitCode() + ", peak "
                            + dev.tgdl.config.DataSizes.format(m.peakHeapBytes())).collect(Collectors.joining("; "))));
        }
        return targets;
    }

    private static Pair find(List<Pair> pairs, String scenario, String policy) {
        return pairs.stream().filter(p -> p.scenario().equals(scenario) && p.policy().equals(policy)).findFirst().orElse(null);
    }
}
