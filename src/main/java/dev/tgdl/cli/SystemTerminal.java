package dev.tgdl.cli;

import java.io.Console;
import java.util.Optional;

/** The process's console. Since JDK 22 a Console exists even when redirected: {@link Console#isTerminal()} tells. */
final class SystemTerminal implements Terminal {

    private final Console console = System.console();
    private final boolean stderrTerminal;

    SystemTerminal(boolean stderrTerminal) {
        this.stderrTerminal = stderrTerminal;
    }

    @Override
    public boolean interactive() {
        return console != null && console.isTerminal();
    }

    @Override
    public boolean stderrIsTerminal() {
        return stderrTerminal;
    }

    @Override
    public Optional<String> readLine(String prompt) {
        return console == null ? Optional.empty() : Optional.ofNullable(console.readLine("%s", prompt));
    }

    @Override
    public Optional<char[]> readSecret(String prompt) {
        return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
    }
}
