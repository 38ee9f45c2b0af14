package dev.tgdl.app;

import dev.tgdl.archive.Manifest;
import dev.tgdl.config.Config;
import dev.tgdl.config.ConfigException;
import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.MessageExport;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.pacing.StopReason;
import dev.tgdl.telegram.ChatEvent;
import dev.tgdl.telegram.ChatFeed;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.TdSession;
import dev.tgdl.telegram.Telegram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tgdl watch}: catches up on the chats from the manifest's high-water marks, as
 * {@code archive} does, then follows their new posts as TDLib reports them and downloads each through
 * the same engine, pacing and manifest. Every download is a pass of the engine: a catch-up pass scans
 * a job's chats down to the high-water mark (a new post, a reconnect, a quiet spell); an edit that
 * gives an older post a file fetches that one message. The manifest makes passes idempotent: what
 * is recorded is never fetched again, so overlapping events, a kill and a restart cost nothing twice.
 */
public final class Watches {

    private static final Logger LOG = LoggerFactory.getLogger(Watches.class);
    /** The name of the job a watch of SOURCEs given on the command line runs. */
    static final String SOURCES_JOB = "sources";
    /** Supergroups and channels have chat ids -100…: the chat id is -(10^12 + channel id). */
    private static final long CHANNEL_CHAT_ID_BASE = -1_000_000_000_000L;

    private Watches() {
    }

    /**
     * What a watch does, checked before anything is opened.
     *
     * @param jobs         the jobs it runs (one named {@value #SOURCES_JOB} for SOURCEs)
     * @param catchUpEvery catch up this long after the last pass even when nothing was reported (retries
     *                     fall due; a safety net for updates TDLib did not pass on)
     */
    public record Plan(List<Archives.Job> jobs, Duration catchUpEvery) {

        public Plan {
            jobs = List.copyOf(jobs);
        }
    }

    /**
     * A watch's document.
     *
     * @param passes        engine passes run (catch-ups and edited messages)
     * @param newPosts      new posts TDLib reported in the watched chats
     * @param mediaEdits    edits TDLib reported that gave a post a file
     * @param reconnects    times the connection came back
     * @param downloaded    files downloaded
     * @param bytes         their bytes
     * @param failed        files that failed (queued for retry)
     * @param unreadable    sources that could not be resolved or read, with why
     * @param stopped       why the watch ended ({@code interrupted}, {@code max_duration}, {@code flood_wait_cap}), or null
     * @param stoppedDetail what ended it, for people (null with {@code stopped})
     * @param exitCode      its exit code
     */
    public record Report(long passes, long newPosts, long mediaEdits, long reconnects, long downloaded, long bytes,
                         long failed, List<String> unreadable, StopReason stopped, String stoppedDetail, int exitCode) {
    }

    /**
     * A finished watch.
     *
     * @param report its document
     * @param code   its exit code
     */
    public record Outcome(Report report, ExitCode code) {
    }

    /**
     * Checks a watch of SOURCEs, or of config.yaml's jobs (all of them when neither is named).
     *
     * @param output   -o, for SOURCEs
     * @param template --template, for SOURCEs
     * @throws ConfigException (exit 2) for SOURCEs and --job together, -o/--template with jobs, an
     *                         unknown job, a source that is not one, or a bad setting
     */
    public static Plan plan(Config config, List<String> sources, List<String> jobs, Optional<Path> output,
                            Optional<String> template, Optional<Duration> maxDuration, Duration catchUpEvery) {
        if (!sources.isEmpty() && !jobs.isEmpty()) {
            throw new ConfigException("watch takes SOURCEs or --job NAME, not both: name the channels, or the jobs "
                    + "of config.yaml that list them");
        }
        if (catchUpEvery.isNegative() || catchUpEvery.isZero()) {
            throw new ConfigException("--catch-up-every must be above 0, e.g. 30m");
        }
        if (sources.isEmpty()) {
            if (jobs.isEmpty() && config.jobs().isEmpty()) {
                throw new ConfigException("nothing to watch: name the channels (tgdl watch @channel) or add a jobs: "
                        + "list to config.yaml (see config.example.yaml)");
            }
            if (output.isPresent() || template.isPresent()) {
                throw new ConfigException("-o and --template go with SOURCEs; a job has its own output and template "
                        + "in config.yaml");
            }
            List<Archives.Job> planned = Archives.plan(config, jobs, maxDuration);
            planned.stream().filter(j -> j.plan().export().isPresent()).forEach(j ->
                    LOG.warn("job '{}': watch does not write its export: file (archive does)", j.name()));
            return new Plan(planned, catchUpEvery);
        }
        DownloadRequest request = DownloadRequest.builder(sources).output(output).template(template)
                .maxDuration(maxDuration)
                .names(s -> s == DownloadRequest.Setting.TEMPLATE ? "--template" : "download." + s.key())
                .build();
        return new Plan(List.of(new Archives.Job(SOURCES_JOB, Downloads.plan(config, request))), catchUpEvery);
    }

    /**
     * Runs a watch until {@code control} stops it: takes the profile's lock, catches up, follows.
     * A source that cannot be read ends it after the first catch-up (exit 1): a watch would wait for
     * it in vain.
     *
     * @param started receives each pass's engine once built (the progress view reads its counters)
     */
    public static Outcome run(AppContext app, Plan plan, ProgressListener listener, RunControl control,
                             Consumer<MediaDownloader> started) throws InterruptedException {
        app.lock("watch");
        TdSession session = app.openLoggedInSession();
        Manifest manifest = app.manifest();
        long run = manifest.startRun("watch", plan.jobs().stream().flatMap(j -> j.plan().options().sources().stream())
                .map(SourceRef::text).toList());
        Watch watch = new Watch(app, plan, session.telegram(), manifest, listener, control, started);
        Outcome outcome = watch.run(session.chatFeed());
        manifest.finishRun(run, outcome.code().code(), StatsJson.json(outcome.report()));
        return outcome;
    }

    /** One watch's state. */
    private static final class Watch {
        private final AppContext app;
        private final Plan plan;
        private final Telegram telegram;
        private final Manifest manifest;
        private final ProgressListener listener;
        private final RunControl control;
        private final Consumer<MediaDownloader> started;
        /** The pass that decides the exit code so far (a watch may run for months: passes are not kept). */
        private DownloadReport worst;
        private long passes;
        private long downloaded;
        private long bytes;
        private long failed;
        private long newPosts;
        private long mediaEdits;
        private long reconnects;

        Watch(AppContext app, Plan plan, Telegram telegram, Manifest manifest, ProgressListener listener,
              RunControl control, Consumer<MediaDownloader> started) {
            this.app = app;
            this.plan = plan;
            this.telegram = telegram;
            this.manifest = manifest;
            this.listener = listener;
            this.control = control;
            this.started = started;
        }

        Outcome run(ChatFeed feed) throws InterruptedException {
            Map<Long, Set<Archives.Job>> byChat = new LinkedHashMap<>();
            List<String> unreadable = new ArrayList<>();
            for (Archives.Job job : plan.jobs()) {
                if (control.stopped()) {
                    break;
                }
                DownloadReport report = pass(job, job.plan());
                for (DownloadReport.Source s : report.sources()) {
                    if (s.status() == DownloadReport.Status.ERROR) {
                        unreadable.add(s.error());
                    } else if (s.chatId() != 0) {
                        byChat.computeIfAbsent(s.chatId(), k -> new LinkedHashSet<>()).add(job);
                    }
                }
            }
            if (unreadable.isEmpty() && !control.stopped()) {
                follow(feed, byChat);
            }
            return report(unreadable);
        }

        private void follow(ChatFeed feed, Map<Long, Set<Archives.Job>> byChat) throws InterruptedException {
            Set<Archives.Job> all = new LinkedHashSet<>(plan.jobs());
            WatchQueue<Archives.Job> queue = new WatchQueue<>(app.clock(), byChat, all);
            Runnable wake = queue::wakeUp;
            ChatFeed.Subscription subscription = feed.follow(byChat.keySet(), queue::add);
            control.onStop(wake);
            try {
                LOG.info("watching {} chats for new posts", byChat.size());
                // a post made after the first catch-up scanned its chat, before the chat was open, reached
                // no update: one more catch-up closes that gap
                Set<Archives.Job> catchUp = all;
                Set<ChatEvent.MediaAdded> edits = Set.of();
                while (!control.stopped()) {
                    for (Archives.Job job : catchUp) {
                        if (control.stopped()) {
                            break;
                        }
                        pass(job, job.plan());
                    }
                    for (ChatEvent.MediaAdded edit : edits) {
                        for (Archives.Job job : byChat.getOrDefault(edit.chatId(), Set.of())) {
                            if (control.stopped()) {
                                break;
                            }
                            edited(job, edit);
                        }
                    }
                    WatchQueue.Work<Archives.Job> work = queue.take(shorter(control.remaining(), plan.catchUpEvery()),
                            control::stopped);
                    newPosts += work.newPosts();
                    mediaEdits += work.mediaEdits();
                    reconnects += work.reconnects();
                    catchUp = work.quiet() ? all : work.catchUp(); // nothing reported for a while: look anyway
                    edits = work.edits();
                }
            } catch (InterruptedException e) {
                if (!control.stopped()) {
                    throw e;
                }
            } finally {
                control.removeOnStop(wake);
                subscription.close();
            }
        }

        /** One engine pass of a job's plan over its sources (or one message's link). */
        private DownloadReport pass(Archives.Job job, Downloads.Plan passPlan) throws InterruptedException {
            var ledger = Downloads.ledger(app, manifest, passPlan);
            DownloadReport report = Downloads.engine(app.clock(), passPlan, telegram, ledger, listener, control,
                    app.sizes(), Downloads.random(app), started, MessageExport.NONE).run();
            if (report.successfulDownloads() > 0 || report.failed() > 0) {
                LOG.info("watch {}: {} downloaded, {} failed", job.name(), report.successfulDownloads(), report.failed());
            }
            passes++;
            downloaded += report.successfulDownloads();
            bytes += report.bytesDownloaded();
            failed += report.failed();
            if (worst == null || ExitCode.of(List.of(worst, report)) != ExitCode.of(List.of(worst))) {
                worst = report;
            }
            return report;
        }

        /**
         * Fetches a message an edit gave a file, through its t.me/c link (it may lie below the chat's
         * high-water mark, where no catch-up looks).
         */
        private void edited(Archives.Job job, ChatEvent.MediaAdded edit) throws InterruptedException {
            long channel = CHANNEL_CHAT_ID_BASE - edit.chatId();
            if (channel <= 0) {
                LOG.warn("chat {}: message {} gained a file, but only channels and supergroups have message links; "
                        + "tgdl archive --full takes it up", edit.chatId(), edit.messageId());
                return;
            }
            SourceRef link = new SourceRef.PrivatePost("https://t.me/c/" + channel + "/" + edit.messageId(), channel,
                    edit.messageId());
            Downloads.Plan plan = job.plan();
            pass(job, new Downloads.Plan(plan.options().withSources(List.of(link)), plan.output(), plan.template(),
                    plan.zone(), plan.maxDuration()));
        }

        private Outcome report(List<String> unreadable) {
            StopReason stopped = control.reason().orElse(null);
            ExitCode code = stopped == StopReason.INTERRUPTED ? ExitCode.INTERRUPTED
                    : worst == null ? ExitCode.OK : ExitCode.of(List.of(worst));
            return new Outcome(new Report(passes, newPosts, mediaEdits, reconnects, downloaded, bytes, failed,
                    List.copyOf(unreadable), stopped, stopped == null ? null : control.detail(), code.code()), code);
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
