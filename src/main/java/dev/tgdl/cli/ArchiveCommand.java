package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.Archives;
import dev.tgdl.app.ExitCode;
import dev.tgdl.pacing.RunControl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Run the jobs of config.yaml: new files only, due retries first. For cron:",
            "never prompts; exits 3 without a session, 4 when another run holds the profile."})
final class ArchiveCommand extends BaseCommand {

    @Option(names = "--job", paramLabel = "NAME", description = "Run only this job (repeatable).")
    List<String> jobs = List.of();

    @Option(names = "--max-duration", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Stop cleanly after this long (e.g. 50m, 1h30m): exit 5, the next run resumes.")
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
        List<Archives.Job> planned = Archives.plan(app.config(), jobs, maxDuration);
        RunControl control = new RunControl(app.clock(), maxDuration);
        Archives.Outcome outcome = showingProgress(progress.live(cli().terminal()), control,
                (view, attach) -> Archives.run(app, planned, view, control, attach));
        Archives.Report report = outcome.report();
        if (json.enabled) {
            Json.print(cli().out(), Json.runDocument(report, outcome.code(), app));
        } else {
            for (Archives.JobReport job : report.jobs()) {
                cli().out().println(job.job() + ": " + Reports.summary(job.report(), false));
            }
            if (report.newDeadLetters() > 0) {
                cli().out().println(report.newDeadLetters() + " files failed for good in this run: see tgdl failed");
            }
        }
        return outcome.code();
    }
}
