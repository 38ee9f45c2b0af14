package dev.tgdl.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command line run is given: the environment, the output streams and the terminal.
 * {@link Cli#commandLine(CliContext)} builds the command line over it, for {@code Main} and tests alike.
 *
 * @param environment the process environment
 * @param out         results only (--json documents, listings)
 * @param err         logs, prompts, progress, errors
 * @param terminal    the terminal, for prompts and progress
 */
public record CliContext(Map<String, String> environment, PrintStream out, PrintStream err, Terminal terminal) {

    /** The real process: System.out/err, System.getenv(), the console. */
    public static CliContext system() {
        boolean stderrTerminal = Tty.stderr() && !"dumb".equals(System.getenv("TERM"));
        return new CliContext(System.getenv(), System.out, System.err, new SystemTerminal(stderrTerminal));
    }
}
