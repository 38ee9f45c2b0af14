package dev.tgdl.app;

import dev.tgdl.archive.Manifest;
import dev.tgdl.archive.Notifier;
import dev.tgdl.config.Config;
import dev.tgdl.config.ConfigException;
import dev.tgdl.config.DataSizes;
import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.MessageExport;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.telegram.TelegramException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code tgdl archive}: the jobs of config.yaml, for cron; and the manifest reports. */
public final class Archives {

    private static final Logger LOG = LoggerFactory.getLogger(Archives.class);

    private Archives() {
    }

    /**
     * A job, checked.
     *
     * @param name its name
     * @param plan what it downloads, where
     */
    public record Job(String name, Downloads.Plan plan) {
    }

    /**
     * An archive run's document.
     *
     * @param jobs           each job's stats document
     * @param newDeadLetters files that became dead letters in this run
     * @param deadLetters    dead letters in the manifest after the run
     * @param notified       whether a summary was sent
     */
    public record Report(List<JobReport> jobs, long newDeadLetters, long deadLetters, boolean notified) {
    }

    /**
     * A finished archive run.
     *
     * @param report its document
     * @param code   its exit code, by the rule of {@link ExitCode#of}, over its jobs
     */
    public record Outcome(Report report, ExitCode code) {
    }

    /**
     * One job's part of the run.
     *
     * @param job    the job's name
     * @param report its stats document
     */
    public record JobReport(String job, DownloadReport report) {
    }

    /**
     * Checks the jobs named (every job when none is), before anything runs.
     *
     * @throws ConfigException (exit 2) for unknown names, no jobs, or a job with a bad setting
     */
    public static List<Job> plan(Config config, List<String> names, Optional<Duration> maxDuration) {
        if (config.jobs().isEmpty()) {
            throw new ConfigException("no jobs configured: add a jobs: list to config.yaml (see config.example.yaml)");
        }
        for (String name : names) {
            if (config.jobs().stream().noneMatch(j -> j.name().equals(name))) {
                throw new ConfigException("no job named '" + name + "'; the jobs are: "
                        + String.join(", ", config.jobs().stream().map(Config.JobConfig::name).toList()));
            }
        }
        List<Job> jobs = new ArrayList<>();
        for (Config.JobConfig job : config.jobs()) {
            if (!names.isEmpty() && !names.contains(job.name())) {
                continue;
            }
            try {
                DownloadRequest request = DownloadRequest.builder(job.sources())
                        .selection(DownloadRequest.Selection.builder()
                                .types(job.types().map(t -> Downloads.types(t, "types")))
                                .include(job.include()).exclude(job.exclude())
                                .minSize(job.minSize()).maxSize(job.maxSize())
                                .build())
                        .output(job.output()).template(job.template())
                        .workers(job.workers()).maxWorkers(job.maxWorkers())
                        .maxDuration(maxDuration)
                        .build();
                jobs.add(new Job(job.name(), Downloads.plan(config, request).withExport(job.export(), "export")));
            } catch (ConfigException e) {
                throw new ConfigException("job '" + job.name() + "': " + e.getMessage(), e);
            }
        }
        return jobs;
    }

    /**
     * Runs the jobs one after the other under one lock, one session, one duration limit; records the
     * run; sends the summary when notifications are on.
     */
    public static Outcome run(AppContext app, List<Job> jobs, ProgressListener listener, RunControl control,
                             Consumer<MediaDownloader> started) throws InterruptedException {
        app.lock("archive");
        Map<Job, ExportFile> exports = new HashMap<>();
        try {
            for (Job job : jobs) {
                ExportFile export = Downloads.openExport(job.plan(), "job '" + job.name() + "': export");
                if (export != null) {
                    exports.put(job, export);
                }
            }
            return run(app, jobs, listener, control, started, exports);
        } finally {
            exports.values().forEach(ExportFile::close); // a job that did not run leaves its export file as it was
        }
    }

    private static Outcome run(AppContext app, List<Job> jobs, ProgressListener listener, RunControl control,
                              Consumer<MediaDownloader> started, Map<Job, ExportFile> exports) throws InterruptedException {
        Telegram telegram = app.openLoggedInSession().telegram();
        Manifest manifest = app.manifest();
        long run = manifest.startRun("archive", jobs.stream().flatMap(j -> j.plan().options().sources().stream())
                .map(s -> s.text()).toList());
        long deadBefore = manifest.failed().size();
        List<JobReport> reports = new ArrayList<>();
        for (Job job : jobs) {
            if (control.stopped()) {
                break;
            }
            LOG.info("job {}: {} to {}", job.name(), String.join(" ", job.plan().options().sources().stream()
                    .map(s -> s.text()).toList()), job.plan().output());
            var ledger = Downloads.ledger(app, manifest, job.plan());
            ExportFile export = exports.get(job);
            DownloadReport report = Downloads.engine(app.clock(), job.plan(), telegram, ledger, listener, control,
                    app.sizes(), Downloads.random(app), started, export == null ? MessageExport.NONE : export).run();
            if (export != null) {
                export.commit();
            }
            reports.add(new JobReport(job.name(), report));
        }
        ExitCode code = ExitCode.of(reports.stream().map(JobReport::report).toList());
        long deadAfter = manifest.failed().size();
        boolean notified = notify(app, telegram, reports, Math.max(0, deadAfter - deadBefore), deadAfter, code);
        Report report = new Report(reports, Math.max(0, deadAfter - deadBefore), deadAfter, notified);
        manifest.finishRun(run, code.code(), StatsJson.json(report));
        return new Outcome(report, code);
    }

    private static boolean notify(AppContext app, Telegram telegram, List<JobReport> reports, long newDead, long dead,
                                  ExitCode code) throws InterruptedException {
        Config.NotifyConfig n = app.config().notifications();
        if (!n.enabled() || n.when().equals("failures") && newDead == 0) {
            return false;
        }
        try {
            long chat = telegram.resolveChatId(n.chat());
            Notifier notifier = new Notifier(telegram, app.clock(), new SplittableRandom(), new Notifier.Settings(
                    n.perChatRate(), n.perChatBurst(), n.globalRate(), n.maxRetries(), n.floodWaitCap()));
            return notifier.send(chat, summary(reports, newDead, dead, code));
        } catch (TelegramException | IllegalArgumentException e) {
            LOG.warn("the run summary was not sent to {}: {}", n.chat(), e.getMessage());
            return false;
        }
    }

    /** The text of a run summary. */
    static String summary(List<JobReport> reports, long newDead, long dead, ExitCode code) {
        StringBuilder s = new StringBuilder("tgdl archive: exit ").append(code.code());
        for (JobReport j : reports) {
            DownloadReport r = j.report();
            s.append('\n').append(j.job()).append(": ").append(r.successfulDownloads()).append(" new (")
                    .append(DataSizes.format(r.bytesDownloaded())).append("), ").append(r.failed()).append(" failed");
            r.stopDescription().ifPresent(why -> s.append(", stopped: ").append(why));
        }
        if (newDead > 0) {
            s.append('\n').append(newDead).append(" new dead letters (").append(dead).append(" in all): tgdl failed");
        }
        return s.toString();
    }
}
