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

    /** No person at all (commands run by the benchmark): not interactive, nothing typed. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public boolean stderrIsTerminal() {
            return false;
        }

        @Override
        public Optional<String> readLine(String prompt) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> readSecret(String prompt) {
            return Optional.empty();
        }
    };
}
