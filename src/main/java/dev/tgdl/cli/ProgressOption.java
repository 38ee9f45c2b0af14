package dev.tgdl.cli;

import picocli.CommandLine.Option;

/** {@code --no-progress}: plain log lines on stderr even where a live progress view could be drawn. */
final class ProgressOption {

    @Option(names = "--no-progress", description = "Plain log lines instead of the live view, even on a terminal.")
    boolean noProgress;

    /** Whether to draw the live view: stderr is a terminal and the user did not say no. */
    boolean live(Terminal terminal) {
        return !noProgress && terminal.stderrIsTerminal();
    }
}
