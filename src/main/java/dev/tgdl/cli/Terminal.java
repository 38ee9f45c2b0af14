package dev.tgdl.cli;

import java.util.Optional;

/** The user's terminal, for prompts and live progress. Tests supply a scripted one. */
public interface Terminal {

    /** Whether a person is there: stdin and stdout are a terminal. */
    boolean interactive();

    /** Whether stderr is a terminal (live progress is drawn there). */
    boolean stderrIsTerminal();

    /** Reads a line shown as typed; empty at end of input. */
    Optional<String> readLine(String prompt);

    /** Reads a secret without echo; empty at end of input. */
    Optional<char[]> readSecret(String prompt);
}
