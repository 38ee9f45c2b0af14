package dev.tgdl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tgdl.config.DataSizes;
import dev.tgdl.sim.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The measurements of tgdl itself: the pipeline's cost per file, memory on long channels, start-up,
 * and whether host CPU load moves what a simulated run reports (it must not: the clock is virtual).
 */
final class Extras {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Extras() {
    }

    static BenchReport.Extras measure(CommandRunner runner, Path work, Consumer<String> progress)
            throws IOException, InterruptedException {
        double[] pipeline = pipeline(runner, work);
        progress.accept(String.format(Locale.ROOT, "pipeline: %d files, %.0f files/s, %.2f CPU ms per file",
                (long) pipeline[0], pipeline[1], pipeline[2]));
        List<BenchReport.MemoryRun> memory = new ArrayList<>();
        for (int messages : new int[] {10_000, 100_000}) {
            for (String command : List.of("dry-run", "download")) {
                BenchReport.MemoryRun m = memory(work, messages, command);
                memory.add(m);
                progress.accept("memory: " + messages + " messages " + command + ": exit " + m.exitCode() + ", peak heap "
                        + DataSizes.format(m.peakHeapBytes()) + ", " + m.files() + " files");
            }
        }
        double startup = startup();
        progress.accept(String.format(Locale.ROOT, "start-up: tgdl --version %.2f s", startup));
        BenchReport.CpuLoad load = cpuLoad(runner, work);
        progress.accept(String.format(Locale.ROOT, "cpu load: demo/adaptive %.1f s idle, %.1f s with 2 busy loops (%.1f%%)",
                load.idleSeconds(), load.loadedSeconds(), 100 * load.difference()));
        return new BenchReport.Extras((long) pipeline[0], pipeline[1], pipeline[2], memory, startup, load);
    }

    /** Files, files per real second, CPU ms per file: the default policy on the uncapped scenario. */
    static double[] pipeline(CommandRunner runner, Path work) throws IOException {
        BenchScenario uncapped = new BenchScenario("uncapped", "uncapped", Scenario.bundled("uncapped"), "uncapped");
        Path home = Files.createTempDirectory(work, "pipeline-");
        try {
            RunResult r = BenchRun.run(runner, uncapped, Policy.ADAPTIVE, 1, home, false, false);
            return new double[] {r.files(), r.files() / r.realSeconds(), r.cpuSeconds() * 1000 / Math.max(1, r.files())};
        } finally {
            BenchRun.delete(home);
        }
    }

    /**
     * The demo/adaptive run alone, then with two busy-loop processes on the cores. The simulated
     * figures must agree: time only moves when tgdl and the simulator wait.
     */
    static BenchReport.CpuLoad cpuLoad(CommandRunner runner, Path work) throws IOException, InterruptedException {
        BenchScenario demo = BenchScenario.builtin().getFirst();
        double idle = once(runner, demo, work);
        List<Process> hogs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                hogs.add(new ProcessBuilder("sh", "-c", "while :; do :; done").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            double loaded = once(runner, demo, work);
            return new BenchReport.CpuLoad(idle, loaded, Math.abs(loaded - idle) / idle);
        } finally {
            for (Process p : hogs) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static double once(CommandRunner runner, BenchScenario s, Path work) throws IOException {
        Path home = Files.createTempDirectory(work, "load-");
        try {
            return BenchRun.run(runner, s, Policy.ADAPTIVE, 1, home, false, false).simSeconds();
        } finally {
            BenchRun.delete(home);
        }
    }

    /** A child JVM with -Xmx256m downloads (or plans) @big cut to {@code messages} messages. */
    static BenchReport.MemoryRun memory(Path work, int messages, String command) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "memory-");
        try {
            Path scenario = dir.resolve("big.yaml");
            Files.writeString(scenario, """
                    time_scale: max
                    limits: {bandwidth: 64MB, latency: 20ms, history: {rate: 500, burst: 500}, parts: {rate: 5000, burst: 5000}}
                    channels:
                      - {username: big, title: tgdl big, id: 1000000002, messages: %d, text_share: 0.9,
                         sizes: {median: 4KB, sigma: 0.5, min: 512B, max: 64KB}}
                    """.formatted(messages));
            List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), "dev.tgdl.Main", "--simulate=" + scenario, "-q",
                    "download", "@big", "-o", dir.resolve("out").toString(), "--json", "--no-progress"));
            if (command.equals("dry-run")) {
                cmd.add("--dry-run");
            }
            ProcessBuilder builder = new ProcessBuilder(cmd);
            Map<String, String> env = builder.environment();
            env.put("XDG_DATA_HOME", dir.resolve("data").toString());
            env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes());
            boolean done = p.waitFor(10, TimeUnit.MINUTES);
            int code = done ? p.exitValue() : -1;
            long peak = -1;
            long files = 0;
            try {
                JsonNode doc = JSON.readTree(out);
                peak = doc.path("peak_heap_bytes").asLong(-1);
                files = Math.max(doc.path("planned").asLong(), doc.path("successful_downloads").asLong());
            } catch (IOException e) {
                // no document: the exit code says what went wrong
            }
            return new BenchReport.MemoryRun(messages, command, code, peak, files);
        } finally {
            BenchRun.delete(dir);
        }
    }

    /** Median wall time of five runs of bin/tgdl --version (or java -cp when there is no launcher). */
    static double startup() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("tgdl.home", "."));
        Path launcher = home.resolve("bin/tgdl");
        List<String> cmd = Files.isExecutable(launcher) ? List.of(launcher.toString(), "--version")
                : List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                        "dev.tgdl.Main", "--version");
        double[] times = new double[5];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(1, TimeUnit.MINUTES);
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
