package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.bench.Bench;
import dev.tgdl.bench.BenchReport;
import dev.tgdl.bench.BenchScenario;
import dev.tgdl.bench.Benchmarks;
import dev.tgdl.bench.CommandRunner;
import dev.tgdl.bench.Policy;
import dev.tgdl.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare download policies on simulated scenarios, side by side in one run, and measure",
            "tgdl itself (pipeline files/s, memory on a 100k-message channel, start-up). Needs no account."})
final class BenchCommand extends BaseCommand {

    @Option(names = "--scenario", paramLabel = "NAME|FILE",
            description = "demo, strict, bursty, flaky, large, throttled, big, or a scenario YAML (repeatable; default: all but big).")
    List<String> scenarios = List.of();

    @Option(names = "--policy", paramLabel = "P",
            description = "adaptive, design, fixed-N, fixed:N:DELAY, adaptive:MAX (repeatable; default: adaptive, design, fixed-2, fixed-4, fixed-16).")
    List<String> policies = List.of();

    @Option(names = "--seeds", paramLabel = "N", description = "Runs per scenario and policy, seeds 1..N (default 5).")
    int seeds = 5;

    @Option(names = "--plot", paramLabel = "FILE.svg|png", description = "Draw one pair's controller over time.")
    Path plot;

    @Option(names = "--plot-pair", paramLabel = "SCENARIO/POLICY", description = "The pair to plot (default strict/adaptive).")
    String plotPair = "strict/adaptive";

    @Option(names = "--no-extras", description = "Skip the pipeline, memory and start-up measurements.")
    boolean noExtras;

    @Mixin
    JsonOption json;

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        List<BenchScenario> chosen;
        List<Policy> chosenPolicies;
        try {
            chosen = scenarios.isEmpty() ? BenchScenario.builtin() : scenarios.stream().map(BenchScenario::named).toList();
            chosenPolicies = (policies.isEmpty() ? List.of("adaptive", "design", "fixed-2", "fixed-4", "fixed-16") : policies)
                    .stream().map(Policy::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        if (seeds < 1 || seeds > 20) {
            throw new ConfigException("--seeds must be 1..20");
        }
        Path work = app.profile().home().resolve("bench");
        Bench.Options options = new Bench.Options(chosen, chosenPolicies, seeds, plot == null ? "" : plotPair, !noExtras, work);
        BenchReport report = Bench.run(this::runInProcess, options, line -> cli().err().println("bench: " + line));
        if (plot != null) {
            Benchmarks.plot(report, plotPair, plot);
            cli().err().println("bench: plot of " + plotPair + " written to " + plot);
        }
        if (json.enabled) {
            Json.print(cli().out(), report);
        } else {
            cli().out().print(Benchmarks.table(report));
        }
        return ExitCode.OK;
    }

    /** One tgdl command line in this JVM, as {@code Main} runs it, with its own environment and output. */
    private CommandRunner.Result runInProcess(Map<String, String> environment, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int code = Cli.run(new CliContext(Map.copyOf(environment), stdout, stderr, Terminal.NONE), args.toArray(String[]::new));
        return new CommandRunner.Result(code, out.toString(StandardCharsets.UTF_8));
    }
}
