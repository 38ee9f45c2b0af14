package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Make files waiting for a retry due now (for the next run); --failed revives dead letters too.")
final class RetryCommand extends BaseCommand {

    @Option(names = "--failed", description = "Also revive dead letters (their attempts start over).")
    boolean failed;

    @Override
    protected ExitCode run(AppContext app) {
        int due = app.manifest().retryNow(failed);
        cli().out().println(due + " files are due: the next run into the same folder with the same selection"
                + " (the same download command, or the archive job) takes them first");
        return ExitCode.OK;
    }
}
