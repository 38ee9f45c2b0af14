package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.ExitCode;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.pacing.StopReason;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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

    /** A run of the engine, told where its progress goes and handed each engine it builds. */
    @FunctionalInterface
    protected interface ShownRun<T> {
        T run(ProgressListener view, Consumer<MediaDownloader> attach) throws Exception;
    }

    /**
     * Runs {@code run} with Ctrl-C/SIGTERM stopping {@code control} cleanly, shown by the live view
     * on a terminal ({@code live}), else by plain lines; the view and the signal handlers end with it.
     */
    protected <T> T showingProgress(boolean live, RunControl control, ShownRun<T> run) throws Exception {
        Interrupts interrupts = Interrupts.install(() -> control.stop(StopReason.INTERRUPTED, "interrupted"));
        try {
            if (live) {
                try (LiveProgress view = LiveProgress.open(consoleLog)) {
                    return run.run(view, view::attach);
                }
            }
            PlainProgress view = new PlainProgress();
            return run.run(view, view::attach);
        } finally {
            interrupts.close();
        }
    }
}
