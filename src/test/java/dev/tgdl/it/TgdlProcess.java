package dev.tgdl.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** bin/tgdl as a real process, with its own XDG folders, for tests that kill and signal it. */
final class TgdlProcess {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static boolean warm; // guarded by TgdlProcess.class

    private final Process process;
    private final Path out;
    private final Path err;

    private TgdlProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs bin/tgdl --version once, so that the launcher's one-time work (building the start-up
     * cache of a freshly built jar) is done before a test kills or signals a launch.
     */
    static synchronized void warmUp(Path home) throws IOException, InterruptedException {
        if (warm) {
            return; // the cache belongs to the jar, not to a test's home: once per test JVM is enough
        }
        TgdlProcess version = start(home, "--version");
        if (version.waitFor(Duration.ofMinutes(2)) != 0) {
            throw new AssertionError("bin/tgdl --version failed: " + version.err());
        }
        warm = true;
    }

    static Path launcher() {
        return Path.of(System.getProperty("tgdl.home", ".")).toAbsolutePath().resolve("bin/tgdl");
    }

    /**
     * Starts a run that the test only waits for: simulated time runs as fast as the host can
     * ({@code max}); what a run does depends on simulated time only, not on its pace.
     */
    static TgdlProcess start(Path home, String... args) throws IOException {
        return start(home, Map.of("TGDL_SIM_TIME_SCALE", "max"), args);
    }

    /**
     * Starts a run whose simulated clock runs at {@code timeScale} × real time, so that a test that
     * signals or kills it halfway finds it halfway whatever the host's speed.
     */
    static TgdlProcess startPaced(Path home, int timeScale, String... args) throws IOException {
        return start(home, Map.of("TGDL_SIM_TIME_SCALE", Integer.toString(timeScale)), args);
    }

    /**
     * Starts a run with extra environment variables (e.g. TGDL_SIM_SEED), at the scenario's own pace
     * unless they set TGDL_SIM_TIME_SCALE, as a user's run would be.
     */
    static TgdlProcess start(Path home, Map<String, String> extraEnv, String... args) throws IOException {
        Files.createDirectories(home.resolve("logs"));
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.remove("TGDL_PROFILE");
        env.remove("TGDL_CONFIG");
        env.remove("TGDL_SIM_TIME_SCALE");
        env.putAll(extraEnv);
        String name = "run-" + RUNS.incrementAndGet();
        Path out = home.resolve("logs").resolve(name + ".out");
        Path err = home.resolve("logs").resolve(name + ".err");
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        return new TgdlProcess(builder.start(), out, err);
    }

    /** A condition on what the run left on disk, checked again and again. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws IOException;
    }

    /**
     * Waits until {@code dir} holds at least {@code count} finished files (names not starting with a
     * dot), the event a test acts on instead of sleeping; fails if the run ends first.
     *
     * @return how many it holds
     */
    int awaitFiles(Path dir, int count, Duration guard) throws IOException, InterruptedException {
        await(count + " files in " + dir, () -> finishedFiles(dir) >= count, guard);
        return finishedFiles(dir);
    }

    /**
     * Waits until {@code condition} holds, the event a test acts on instead of sleeping; fails if the
     * run ends first. {@code guard} only keeps a broken run from hanging the suite.
     */
    void await(String what, Condition condition, Duration guard) throws IOException, InterruptedException {
        if (!awaitUnlessEnded(what, condition, guard)) {
            throw new AssertionError("tgdl ended (exit " + process.exitValue() + ") before " + what + "; stderr: " + err());
        }
    }

    /**
     * As {@link #await}, but the run ending first is an answer too.
     *
     * @return whether the condition came (false: the run ended first)
     */
    boolean awaitUnlessEnded(String what, Condition condition, Duration guard) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + guard.toNanos();
        while (!condition.holds()) {
            if (!process.isAlive()) {
                return condition.holds();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + guard + "; stderr: " + err());
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Files in {@code dir} and below whose names do not start with a dot (0 when it does not exist). */
    static int finishedFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return (int) walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .count();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the exit code. */
    int waitFor(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tgdl did not finish in " + timeout + "; stderr: " + err());
        }
        return process.exitValue();
    }

    /** kill -9: no shutdown hook, no finally block runs. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Sends a signal (INT, TERM) as a terminal or cron would. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        kill.waitFor(5, TimeUnit.SECONDS);
    }

    String out() throws IOException {
        return Files.readString(out);
    }

    String err() throws IOException {
        return Files.readString(err);
    }
}
