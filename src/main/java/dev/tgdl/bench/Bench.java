package dev.tgdl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code tgdl bench}: every policy on every scenario with several seeds, against the simulator in
 * this JVM; then the pipeline's own cost, memory on long channels, and start-up time.
 */
public final class Bench {

    /**
     * What to run.
     *
     * @param scenarios scenarios
     * @param policies  policies
     * @param seeds     seeds per pair
     * @param tracePair "scenario/policy" to trace for a plot, or empty
     * @param extras    also measure the pipeline, memory and start-up
     * @param work      a folder for temporary files
     */
    public record Options(List<BenchScenario> scenarios, List<Policy> policies, int seeds, String tracePair,
                          boolean extras, Path work) {
    }

    private Bench() {
    }

    /** Runs the benchmark; {@code progress} hears of each run as it ends. */
    public static BenchReport run(Options options, Consumer<String> progress) throws InterruptedException, IOException {
        Files.createDirectories(options.work());
        long started = System.nanoTime();
        // the first seconds of a JVM run interpreted code: at a simulated time scale of 40 that
        // would be minutes of simulated time, charged to whichever run came first
        progress.accept("warming up");
        BenchRun.run(BenchScenario.builtin().getFirst(), Policy.fixed(4), 99, options.work(), false);
        List<RunResult> runs = new ArrayList<>();
        for (BenchScenario scenario : options.scenarios()) {
            for (Policy policy : options.policies()) {
                for (int i = 0; i < options.seeds(); i++) {
                    long seed = 1 + i;
                    boolean trace = (scenario.name() + "/" + policy.name()).equals(options.tracePair()) && i == 0;
                    RunResult r = BenchRun.run(scenario, policy, seed, options.work(), trace);
                    runs.add(r);
                    progress.accept(String.format(java.util.Locale.ROOT,
                            "%-8s %-10s seed %d: %6.1f s (bound %6.1f s), efficiency %.2f, %d flood waits (%.0f s)%s",
                            r.scenario(), r.policy(), seed, r.simSeconds(), r.lowerBoundSeconds(), r.efficiency(),
                            r.floodWaits(), r.floodWaitSeconds(), r.finished() ? "" : " [unfinished]"));
                }
            }
        }
        List<BenchReport.Pair> pairs = BenchReport.summarize(runs);
        BenchReport.Extras extras = options.extras() ? Extras.measure(options.work(), progress) : null;
        double seconds = (System.nanoTime() - started) / 1e9;
        return new BenchReport(pairs, runs, extras, BenchReport.targets(pairs, extras), seconds);
    }

    static List<RunResult> sorted(List<RunResult> runs) {
        return runs.stream().sorted(Comparator.comparing(RunResult::scenario).thenComparing(RunResult::policy)).toList();
    }
}
