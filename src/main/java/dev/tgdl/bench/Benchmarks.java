package dev.tgdl.bench;

import dev.tgdl.config.DataSizes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The benchmark report as a table for people, and its plot. */
public final class Benchmarks {

    private Benchmarks() {
    }

    /** A fixed-width table: one line per scenario and policy (medians, with the efficiency's spread). */
    public static String table(BenchReport report) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-9s %-20s %9s %9s %16s %7s %9s %6s %9s %10s %7s %9s%n", "scenario", "policy",
                "time s", "bound s", "efficiency", "floods", "waited s", "429s", "files/min", "bytes/s", "cpu s", "peak heap"));
        for (BenchReport.Pair p : report.pairs()) {
            s.append(String.format(Locale.ROOT, "%-9s %-20s %9.1f %9.1f %5.2f (%.2f-%.2f) %7.0f %9.0f %6.0f %9.1f %10s %7.1f %9s%s%n",
                    p.scenario(), p.policy(), p.simSeconds().median(), p.lowerBound().median(), p.efficiency().median(),
                    p.efficiency().min(), p.efficiency().max(), p.floodWaits().median(), p.floodWaitSeconds().median(),
                    p.tooManyRequests().median(), p.filesPerMinute().median(),
                    DataSizes.format((long) p.bytesPerSecond().median()), p.cpuSeconds().median(),
                    DataSizes.format((long) p.peakHeapBytes().median()),
                    p.finished() < p.seeds() ? "  (" + (p.seeds() - p.finished()) + " unfinished)" : ""));
        }
        if (report.extras() != null) {
            BenchReport.Extras e = report.extras();
            s.append(String.format(Locale.ROOT, "%npipeline: %d files, %.0f files/s, %.2f CPU ms per file%n",
                    e.pipelineFiles(), e.pipelineFilesPerSecond(), e.pipelineCpuMsPerFile()));
            for (BenchReport.MemoryRun m : e.memory()) {
                s.append(String.format(Locale.ROOT, "memory (-Xmx256m): %,d messages, %s: exit %d, peak heap %s, %d files%n",
                        m.messages(), m.command(), m.exitCode(), DataSizes.format(m.peakHeapBytes()), m.files()));
            }
            s.append(String.format(Locale.ROOT, "start-up: tgdl --version %.2f s%n", e.startupSeconds()));
            if (e.cpuLoad() != null) {
                s.append(String.format(Locale.ROOT, "cpu load: demo/adaptive %.2f s idle, %.2f s with two busy loops (%.2f%%)%n",
                        e.cpuLoad().idleSeconds(), e.cpuLoad().loadedSeconds(), 100 * e.cpuLoad().difference()));
            }
        }
        s.append(System.lineSeparator()).append("targets:").append(System.lineSeparator());
        for (BenchReport.Target t : report.targets()) {
            s.append(String.format(Locale.ROOT, "  [%s] %s: %s%n", t.holds() ? "ok" : "MISSED", t.name(), t.measured()));
        }
        s.append(String.format(Locale.ROOT, "bench took %.0f s%n", report.benchSeconds()));
        return s.toString();
    }

    /** Writes the plot of one traced pair. */
    public static void plot(BenchReport report, String pair, Path file) throws IOException {
        RunResult run = report.runs().stream()
                .filter(r -> (r.scenario() + "/" + r.policy()).equals(pair) && !r.trace().isEmpty())
                .findFirst().orElseThrow(() -> new IOException("no traced run of " + pair
                        + ": --plot-pair must name a scenario and a policy of this bench"));
        Plot.write(run, file);
    }
}
