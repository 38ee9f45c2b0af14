package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand: builds the {@link AppContext} from the global options, runs, closes everything,
 * and returns an {@link ExitCode}. Exceptions go to the handler in {@link Cli}, which maps them.
 */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    protected TgdlCommand root() {
        return (TgdlCommand) spec.root().userObject();
    }

    protected CliContext cli() {
        return root().context();
    }

    /** Where log lines for stderr go (a live progress view can take them over). */
    protected ConsoleLog consoleLog;

    @Override
    public final Integer call() throws Exception {
        validate();
        consoleLog = new ConsoleLog(cli().err());
        try (AppContext app = AppContext.create(root().globalOptions(), consoleLog, quietByDefault())) {
            return run(app).code();
        }
    }

    /** Whether stderr shows only warnings unless -v is given (commands meant for cron). */
    protected boolean quietByDefault() {
        return false;
    }

    /** Checks the command's own options before anything is opened; throw ConfigException to stop with exit 2. */
    protected void validate() {
    }

    protected abstract ExitCode run(AppContext app) throws Exception;
}
