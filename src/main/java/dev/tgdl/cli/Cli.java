package dev.tgdl.cli;

import dev.tgdl.app.ExitCode;
import java.io.PrintWriter;
import java.io.Serial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Builds tgdl's command line; {@code Main} and the tests use the same factory, so tests exercise
 * exactly what users run. Failures are printed as one line on stderr and mapped to exit codes here,
 * at the edge, through {@link ExitCodes}.
 */
public final class Cli {

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    /** The command line over {@code context}. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new TgdlCommand(context));
        cl.setOut(new PrintWriter(context.out(), true));
        cl.setErr(new PrintWriter(context.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            ExitCode code = ExitCodes.of(e);
            // the stack trace goes to the log file (debug); the terminal gets the one line below
            LOG.debug("{} failed", commandLine.getCommandName(), e);
            context.err().println("tgdl: " + ExitCodes.message(e));
            return code.code();
        });
        cl.setParameterExceptionHandler((e, args) -> {
            // one line, as every usage error: what was wrong, and where the accepted forms are
            String help = valueError(e) ? ""
                    : " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
            context.err().println("tgdl: " + usageError(e) + help);
            return ExitCode.USAGE.code();
        });
        // checks across options, once they are all parsed and before any command runs
        cl.setExecutionStrategy(parseResult -> {
            ((TgdlCommand) cl.getCommand()).checkOptions(cl);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.getCommandSpec().usageMessage().footer(ExitCodes.helpFooter());
        return cl;
    }

    /**
     * The one line for a command-line mistake. A value that does not convert is named by its option
     * (the converter's message says what is accepted): {@code --min-size: '10XB' is not a size; use e.g. ...}.
     */
    static String usageError(CommandLine.ParameterException e) {
        if (e.getCause() instanceof CommandLine.TypeConversionException bad && e.getArgSpec() != null) {
            return name(e.getArgSpec()) + ": " + bad.getMessage();
        }
        return e.getMessage();
    }

    /** Whether the line already says what to type instead (a bad value, options that exclude each other). */
    private static boolean valueError(CommandLine.ParameterException e) {
        return e.getCause() instanceof CommandLine.TypeConversionException && e.getArgSpec() != null
                || e instanceof ConflictingOptionsException;
    }

    private static String name(CommandLine.Model.ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** Options given together that exclude each other; the message names them and says what to do. */
    static final class ConflictingOptionsException extends CommandLine.ParameterException {

        @Serial
        private static final long serialVersionUID = 1L;

        ConflictingOptionsException(CommandLine commandLine, String message) {
            super(commandLine, message);
        }
    }

    /** Runs tgdl with {@code args}; returns the exit code. */
    public static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }
}
