package dev.tgdl.bench;

import java.util.List;
import java.util.Map;

/**
 * Runs tgdl's own command line, in this JVM, with an environment of its own: how the benchmark runs
 * exactly what a user runs (the same parsing, configuration layering, engine and defaults). The
 * {@code bench} command supplies it; the benchmark itself knows no command-line code.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * @param environment the variables the command sees (XDG folders, TGDL_* settings)
     * @param args        the arguments after {@code tgdl}
     */
    Result run(Map<String, String> environment, List<String> args);

    /**
     * What a command did.
     *
     * @param exitCode its exit code
     * @param out      what it printed on stdout
     */
    record Result(int exitCode, String out) {
    }
}
