package dev.tgdl.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs tgdl in-process through the same command line {@code Main} builds, with its own XDG folders,
 * captured stdout/stderr and a scripted terminal.
 */
public final class CliRun {

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Map<String, String> environment = new HashMap<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private boolean interactive;

    public CliRun(Path home) {
        environment.put("HOME", home.toString());
        environment.put("XDG_DATA_HOME", home.resolve("data").toString());
        environment.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        // simulated runs as fast as the processor allows: the outcome is the same at any pace
        environment.put("TGDL_SIM_TIME_SCALE", "max");
    }

    public CliRun env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** Pretends a person is at a terminal typing these answers to the prompts, in order. */
    public CliRun typing(String... lines) {
        interactive = true;
        answers.addAll(List.of(lines));
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Terminal terminal = new Terminal() {
            @Override
            public boolean interactive() {
                return interactive;
            }

            @Override
            public boolean stderrIsTerminal() {
                return false;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                errStream.print(prompt);
                return Optional.ofNullable(answers.poll());
            }

            @Override
            public Optional<char[]> readSecret(String prompt) {
                errStream.print(prompt);
                return Optional.ofNullable(answers.poll()).map(String::toCharArray);
            }
        };
        int code = Cli.run(new CliContext(Map.copyOf(environment), outStream, errStream, terminal), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
