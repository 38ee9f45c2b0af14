package dev.tgdl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code tgdl bench}: every policy on every scenario with several seeds, each run exactly the
 * {@code tgdl --simulate download} a user runs (through {@link CommandRunner}); a second run of the
 * same profile where the limits bite (what the policy learned); then tgdl itself: the pipeline's cost,
 * memory on long channels, start-up, and whether host CPU load moves the simulated figures.
 */
public final class Bench {

    /** Scenarios where a second run of the same profile shows what the first learned. */
    static final List<String> SECOND_RUN = List.of("strict", "bursty");

    /**
     * What to run.
     *
     * @param scenarios scenarios
     * @param policies  policies
     * @param seeds     seeds per pair
     * @param tracePair "scenario/policy" to trace for a plot, or empty
     * @param extras    also measure the pipeline, memory, start-up and CPU load
     * @param work      a folder for temporary files
     */
    public record Options(List<BenchScenario> scenarios, List<Policy> policies, int seeds, String tracePair,
                          boolean extras, Path work) {
    }

    private Bench() {
    }

    /** Runs the benchmark; {@code progress} hears of each run as it ends. */
    public static BenchReport run(CommandRunner runner, Options options, Consumer<String> progress)
            throws InterruptedException, IOException {
        Files.createDirectories(options.work());
        long started = System.nanoTime();
        List<RunResult> runs = new ArrayList<>();
        for (BenchScenario scenario : options.scenarios()) {
            for (Policy policy : options.policies()) {
                for (int i = 0; i < options.seeds(); i++) {
                    long seed = 1 + i;
                    boolean trace = (scenario.name() + "/" + policy.name()).equals(options.tracePair()) && i == 0;
                    Path home = Files.createTempDirectory(options.work(), scenario.name() + "-" + policy.name().replace(':', '_') + "-");
                    try {
                        RunResult r = BenchRun.run(runner, scenario, policy, seed, home, trace, false);
                        runs.add(r);
                        progress.accept(line(r));
                        if (policy == Policy.ADAPTIVE && SECOND_RUN.contains(scenario.name())) {
                            RunResult again = BenchRun.run(runner, scenario, policy, seed, home, false, true);
                            runs.add(again);
                            progress.accept(line(again));
                        }
                    } finally {
                        BenchRun.delete(home);
                    }
                }
            }
        }
        List<BenchReport.Pair> pairs = BenchReport.summarize(runs);
        BenchReport.Extras extras = options.extras() ? Extras.measure(runner, options.work(), progress) : null;
        double seconds = (System.nanoTime() - started) / 1e9;
        return new BenchReport(pairs, runs, extras, BenchReport.targets(pairs, extras), seconds);
    }

    private static String line(RunResult r) {
        return String.format(Locale.ROOT,
                "%-9s %-20s seed %d: %6.1f s (bound %6.1f s), efficiency %.2f, %d flood waits (%.0f s), %d 429s, %.1f real s%s",
                r.scenario(), r.policy(), r.seed(), r.simSeconds(), r.lowerBoundSeconds(), r.efficiency(), r.floodWaits(),
                r.floodWaitSeconds(), r.tooManyRequests(), r.realSeconds(), r.finished() ? "" : " [unfinished]");
    }
}
