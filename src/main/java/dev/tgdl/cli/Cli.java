package dev.tgdl.cli;

import dev.tgdl.app.ExitCode;
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
        cl.setOut(new java.io.PrintWriter(context.out(), true));
        cl.setErr(new java.io.PrintWriter(context.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            ExitCode code = ExitCodes.of(e);
            // the stack trace goes to the log file (debug); the terminal gets the one line below
            LOG.debug("{} failed", commandLine.getCommandName(), e);
            context.err().println("tgdl: " + ExitCodes.message(e));
            return code.code();
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            context.err().println("tgdl: " + e.getMessage());
            context.err().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCode.USAGE.code();
        });
        return cl;
    }

    /** Runs tgdl with {@code args}; returns the exit code. */
    public static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }
}
