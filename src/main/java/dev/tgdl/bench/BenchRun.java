package dev.tgdl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one policy on one scenario with one seed: {@code tgdl --simulate=... download @channel --json}
 * through the same command line a user types, with the scenario's seed (TGDL_SIM_SEED, which also
 * seeds tgdl's jitter), the policy's settings (TGDL_DOWNLOAD_*), unpaced virtual time, a profile of
 * its own, and {@code --max-duration} as the budget.
 */
final class BenchRun {

    /** A run may take this many times its lower bound (plus two minutes) before it is stopped and reported unfinished. */
    static final int BUDGET_FACTOR = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchRun() {
    }

    /**
     * @param home   the profile's folder: a second run in the same folder is a second run of the same profile
     * @param trace  record the policy over time
     * @param second whether this is the profile's second run (reported as such)
     */
    static RunResult run(CommandRunner runner, BenchScenario s, Policy policy, long seed, Path home, boolean trace,
                         boolean second) throws IOException {
        BenchScenario.Work expected = s.work(seed);
        Duration bound = LowerBound.of(s.scenario().limits(), s.limits(), s.scenario().account().premium(), expected);
        Duration budget = bound.multipliedBy(BUDGET_FACTOR).plusMinutes(2);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("TGDL_SIM_TIME_SCALE", "max");
        env.put("TGDL_SIM_SEED", String.valueOf(seed));
        env.putAll(policy.environment());
        Path traceFile = home.resolve("trace-" + (second ? 2 : 1) + ".tsv");
        if (trace) {
            env.put("TGDL_BENCH_TRACE", traceFile.toString());
        }
        Path out = home.resolve(second ? "out-2" : "out-1");
        List<String> args = List.of("--simulate=" + s.simulate(), "-q", "download", "@" + s.channel(), "-o", out.toString(),
                "--json", "--no-progress", "--max-duration", budget.toSeconds() + "s");
        long cpu = cpuNanos();
        long real = System.nanoTime();
        CommandRunner.Result result = runner.run(env, args);
        double realSeconds = (System.nanoTime() - real) / 1e9;
        double cpuSeconds = (cpuNanos() - cpu) / 1e9;
        JsonNode doc;
        try {
            doc = JSON.readTree(result.out());
        } catch (IOException e) {
            throw new IOException("the run of " + s.name() + "/" + policy.name() + " printed no stats document (exit "
                    + result.exitCode() + ")", e);
        }
        long files = doc.path("successful_downloads").asLong();
        double seconds = Math.max(0.001, doc.path("elapsed_seconds").asDouble());
        boolean finished = files >= expected.files() && doc.path("stopped").isNull();
        double lb = bound.toNanos() / 1e9;
        double done = Math.min(1.0, files / (double) Math.max(1, expected.files()));
        JsonNode sim = doc.path("simulator");
        long bytes = doc.path("bytes_downloaded").asLong();
        return new RunResult(s.name(), policy.name() + (second ? " (2nd run)" : ""), seed, finished, seconds, lb,
                lb * done / seconds, sim.path("flood_waits_issued").asLong(), sim.path("flood_wait_seconds_imposed").asDouble(),
                sim.path("too_many_requests").asLong(), files, bytes, files / (seconds / 60), bytes / seconds, cpuSeconds,
                realSeconds, doc.path("peak_heap_bytes").asLong(), trace ? readTrace(traceFile) : List.of());
    }

    private static List<RunResult.TracePoint> readTrace(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<RunResult.TracePoint> points = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length == 6) {
                points.add(new RunResult.TracePoint(Double.parseDouble(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5])));
            }
        }
        return points;
    }

    static long cpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
