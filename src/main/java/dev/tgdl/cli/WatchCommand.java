package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.app.Watches;
import dev.tgdl.config.DataSizes;
import dev.tgdl.pacing.RunControl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Keep running: catch up on the channels from the manifest, then download",
            "new posts as they arrive (and posts an edit gives a file).",
            "Ctrl-C or SIGTERM stops it cleanly (exit 130). SOURCE as for download,",
            "or --job NAME... (config.yaml's jobs; all of them when neither is given)."})
final class WatchCommand extends BaseCommand {

    @Parameters(paramLabel = "SOURCE", arity = "0..*", description = "Channels or groups to watch.")
    List<String> sources = List.of();

    @Option(names = "--job", paramLabel = "NAME", description = "Watch this job of config.yaml (repeatable).")
    List<String> jobs = List.of();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder for SOURCEs (default: download.output).")
    Path output;

    @Option(names = "--template", paramLabel = "T", description = "File layout for SOURCEs, as for download.")
    String template;

    @Option(names = "--catch-up-every", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Catch up this long after the last pass even when Telegram reported nothing (default: 30m).")
    Duration catchUpEvery = Duration.ofMinutes(30);

    @Option(names = "--max-duration", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Stop after this long (e.g. 8h): exit 0, or 5 when it cut a download pass short.")
    Optional<Duration> maxDuration = Optional.empty();

    @Mixin
    JsonOption json;

    @Mixin
    ProgressOption progress;

    @Override
    protected boolean quietByDefault() {
        return true;
    }

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        Watches.Plan plan = Watches.plan(app.config(), sources, jobs, Optional.ofNullable(output),
                Optional.ofNullable(template), maxDuration, catchUpEvery);
        RunControl control = new RunControl(app.clock(), maxDuration);
        Watches.Outcome outcome = showingProgress(progress.live(cli().terminal()), control,
                (view, attach) -> Watches.run(app, plan, view, control, attach));
        Watches.Report r = outcome.report();
        if (json.enabled) {
            Json.print(cli().out(), Json.withSimulator(r, app));
        } else {
            cli().out().println("watch: " + r.downloaded() + " files downloaded (" + DataSizes.format(r.bytes()) + "), "
                    + r.failed() + " failed, " + r.newPosts() + " new posts, " + r.passes() + " passes"
                    + (r.stopped() == null ? "" : "; stopped: " + r.stoppedDetail()));
        }
        return outcome.code();
    }
}
