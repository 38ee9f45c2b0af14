package dev.tgdl.bench;

import dev.tgdl.download.DownloadOptions;
import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.FixedThrottle;
import dev.tgdl.download.FolderSink;
import dev.tgdl.download.Ledger;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.MediaFilter;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.download.RunControl;
import dev.tgdl.download.SizeCache;
import dev.tgdl.download.ThrottleSettings;
import dev.tgdl.naming.PathTemplate;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimulatedTdlib;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.TdSession;
import dev.tgdl.time.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The measurements of tgdl itself: pipeline cost per file, memory on long channels, start-up. */
final class Extras {

    private static final Pattern PEAK = Pattern.compile("\"peak_heap_bytes\"\\s*:\\s*(\\d+)");
    private static final Pattern FILES = Pattern.compile("\"(?:planned|successful_downloads)\"\\s*:\\s*(\\d+)");

    private Extras() {
    }

    static BenchReport.Extras measure(Path work, Consumer<String> progress) throws IOException, InterruptedException {
        double[] pipeline = pipeline(work);
        progress.accept(String.format(java.util.Locale.ROOT, "pipeline: %d files, %.0f files/s, %.2f CPU ms per file",
                (long) pipeline[0], pipeline[1], pipeline[2]));
        List<BenchReport.MemoryRun> memory = new ArrayList<>();
        for (int messages : new int[] {10_000, 100_000}) {
            for (String command : List.of("dry-run", "download")) {
                BenchReport.MemoryRun m = memory(work, messages, command);
                memory.add(m);
                progress.accept("memory: " + messages + " messages " + command + ": exit " + m.exitCode() + ", peak heap "
                        + dev.tgdl.config.DataSizes.format(m.peakHeapBytes()) + ", " + m.files() + " files");
            }
        }
        double startup = startup();
        progress.accept(String.format(java.util.Locale.ROOT, "start-up: tgdl --version %.2f s", startup));
        return new BenchReport.Extras((long) pipeline[0], pipeline[1], pipeline[2], memory, startup);
    }

    /** Files, files per real second, CPU ms per file: a fixed 16-worker run against the uncapped scenario. */
    static double[] pipeline(Path work) throws IOException, InterruptedException {
        Scenario scenario = Scenario.bundled("uncapped");
        TimeSource clock = TimeSource.system();
        SimulatedTdlib sim = SimulatedTdlib.create(scenario, clock);
        Path dir = Files.createTempDirectory(work, "pipeline-");
        try (TdSession session = TdSession.open(new TdSession.Options(sim, dir.resolve("db"), dir.resolve("files"),
                dir.resolve("tdlib.log"), 0, 1, "bench", Optional.empty(), "bench", clock, Duration.ofSeconds(30)))) {
            ThrottleSettings settings = new ThrottleSettings(16, 16, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1),
                    false, "fixed");
            DownloadOptions options = new DownloadOptions(List.of(SourceRef.parse("@uncapped")), MediaFilter.all(), settings,
                    1e6, 1_000_000, Duration.ofHours(1), Duration.ofMinutes(1), 3, false, false, false, false);
            FolderSink sink = new FolderSink(dir.resolve("out"), PathTemplate.parse("{message_id}_{file_name}"),
                    ZoneOffset.UTC, Ledger.NONE);
            MediaDownloader engine = new MediaDownloader(session.telegram(), sink, Ledger.NONE, ProgressListener.NONE,
                    new FixedThrottle("pipeline", 16, Duration.ZERO), clock, new SplittableRandom(1),
                    RunControl.unlimited(clock), new SizeCache(clock), options);
            long cpu = BenchRun.cpuNanos();
            long start = System.nanoTime();
            DownloadReport report = engine.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMs = (BenchRun.cpuNanos() - cpu) / 1e6;
            long files = report.successfulDownloads();
            return new double[] {files, files / seconds, cpuMs / Math.max(1, files)};
        } finally {
            sim.close();
            BenchRun.delete(dir);
        }
    }

    /** A child JVM with -Xmx256m downloads (or plans) @big cut to {@code messages} messages. */
    static BenchReport.MemoryRun memory(Path work, int messages, String command) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "memory-");
        try {
            Path scenario = dir.resolve("big.yaml");
            Files.writeString(scenario, """
                    time_scale: 200
                    limits: {bandwidth: 64MB, latency: 20ms, history: {rate: 500, burst: 500}, download: {rate: 500, burst: 500}}
                    channels:
                      - {username: big, title: tgdl big, id: 1000000002, messages: %d, text_share: 0.9,
                         sizes: {median: 4KB, sigma: 0.5, min: 512B, max: 64KB}}
                    """.formatted(messages));
            List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), "dev.tgdl.Main", "--simulate=" + scenario, "-q",
                    "download", "@big", "-o", dir.resolve("out").toString(), "--json", "--no-progress", "--workers", "16",
                    "--max-workers", "32"));
            if (command.equals("dry-run")) {
                cmd.add("--dry-run");
            }
            ProcessBuilder builder = new ProcessBuilder(cmd);
            builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
            builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes());
            boolean done = p.waitFor(10, TimeUnit.MINUTES);
            int code = done ? p.exitValue() : -1;
            Matcher peak = PEAK.matcher(out);
            Matcher files = FILES.matcher(out);
            long filesValue = 0;
            while (files.find()) {
                filesValue = Math.max(filesValue, Long.parseLong(files.group(1)));
            }
            return new BenchReport.MemoryRun(messages, command, code, peak.find() ? Long.parseLong(peak.group(1)) : -1,
                    filesValue);
        } finally {
            BenchRun.delete(dir);
        }
    }

    /** Median wall time of five runs of bin/tgdl --version (or java -jar when there is no launcher). */
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
