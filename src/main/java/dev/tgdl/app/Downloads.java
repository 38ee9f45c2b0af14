package dev.tgdl.app;

import dev.tgdl.app.DownloadRequest.Setting;
import dev.tgdl.archive.Manifest;
import dev.tgdl.archive.RetryPolicy;
import dev.tgdl.config.Config;
import dev.tgdl.config.ConfigException;
import dev.tgdl.config.ConfigLoader;
import dev.tgdl.config.Durations;
import dev.tgdl.download.DownloadOptions;
import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.FolderSink;
import dev.tgdl.download.Ledger;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.MediaFilter;
import dev.tgdl.download.MessageExport;
import dev.tgdl.download.PolicySettings;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.download.ReadOnlyLedger;
import dev.tgdl.download.SizeCache;
import dev.tgdl.naming.PathTemplate;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.telegram.MediaType;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.time.TimeSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/** {@code tgdl download}: checks the request, builds the engine, runs it. */
public final class Downloads {

    /** Most files in flight: the engine's bound. */
    private static final int MAX_WORKERS = 32;

    private Downloads() {
    }

    /**
     * A checked request: everything resolved against the configuration, ready to run.
     *
     * @param options  the engine's options
     * @param output   the output folder
     * @param template the layout
     * @param zone     the zone of dates in names
     * @param maxDuration stop (resumable) after this long
     * @param export   the --export file (checked to be writable), if any
     */
    public record Plan(DownloadOptions options, Path output, PathTemplate template, ZoneId zone,
                       Optional<Duration> maxDuration, Optional<Path> export) {

        public Plan(DownloadOptions options, Path output, PathTemplate template, ZoneId zone,
                    Optional<Duration> maxDuration) {
            this(options, output, template, zone, maxDuration, Optional.empty());
        }

        /**
         * This plan exporting every message it scans to {@code file}.
         *
         * @param what how the user named it, for the error
         * @throws ConfigException (exit 2) when the file cannot be written
         */
        public Plan withExport(Optional<Path> file, String what) {
            return new Plan(options, output, template, zone, maxDuration, file.map(f -> ExportFile.check(f, what)));
        }
    }

    /**
     * A finished run.
     *
     * @param report its stats document
     * @param code   its exit code
     */
    public record Outcome(DownloadReport report, ExitCode code) {
    }

    /**
     * Checks a request against the configuration; nothing is opened yet. Values are typed already
     * (the caller parsed them); this checks what they mean together, and names each setting as the
     * request's {@link DownloadRequest#names()} call it, or by its configuration key when the value
     * came from the configuration.
     *
     * @throws ConfigException (exit 2) naming the settings and what would work
     */
    public static Plan plan(Config config, DownloadRequest r) {
        Config.DownloadConfig d = config.download();
        if (r.sources().isEmpty()) {
            throw new ConfigException("no SOURCE given: name a channel, e.g. tgdl download @channel");
        }
        List<SourceRef> sources = r.sources().stream().map(Downloads::source).toList();
        DownloadRequest.Selection sel = r.selection();
        DownloadRequest.Pacing pace = r.pacing();
        PathTemplate template = template(r.placement().template().orElse(d.template()),
                name(r, Setting.TEMPLATE, r.placement().template()));
        ZoneId zone = ConfigLoader.zone(d.timezone(), Map.of(), null);
        Set<MediaType> types = sel.types().orElseGet(() -> types(d.types(), "download.types"));
        if (types.isEmpty()) {
            throw new ConfigException(name(r, Setting.TYPES, sel.types()) + " is empty: name at least one of "
                    + String.join(",", MediaType.labels()));
        }
        long minSize = sel.minSize().orElse(d.minSize());
        Optional<Long> maxSize = sel.maxSize().or(d::maxSize);
        if (maxSize.isPresent() && maxSize.get() < minSize) {
            throw new ConfigException(name(r, Setting.MAX_SIZE, sel.maxSize()) + " (" + maxSize.get()
                    + " bytes) is smaller than " + name(r, Setting.MIN_SIZE, sel.minSize()) + " (" + minSize
                    + " bytes): nothing could match");
        }
        atLeastOne(r, Setting.FROM_ID, sel.fromId());
        atLeastOne(r, Setting.TO_ID, sel.toId());
        if (sel.limit().isPresent() && sel.limit().get() < 1) {
            throw new ConfigException(r.names().apply(Setting.LIMIT) + " must be 1 or more, got " + sel.limit().get());
        }
        if (sel.fromId().isPresent() && sel.toId().isPresent() && sel.fromId().get() > sel.toId().get()) {
            throw new ConfigException(r.names().apply(Setting.FROM_ID) + " " + sel.fromId().get() + " is above "
                    + r.names().apply(Setting.TO_ID) + " " + sel.toId().get() + ": nothing could match");
        }
        Optional<Instant> since = sel.since().map(b -> b.in(zone));
        Optional<Instant> until = sel.until().map(b -> b.in(zone));
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new ConfigException(r.names().apply(Setting.SINCE) + " (" + since.get() + ") must be before "
                    + r.names().apply(Setting.UNTIL) + " (" + until.get() + ")");
        }
        MediaFilter filter = new MediaFilter(types, sel.include().orElse(Set.copyOf(d.include())),
                sel.exclude().orElse(Set.copyOf(d.exclude())), minSize, optionalLong(maxSize),
                optionalLong(sel.fromId()), optionalLong(sel.toId()), since, until, optionalLong(sel.limit()));
        int workers = pace.workers().orElse(d.workers());
        int maxWorkers = pace.maxWorkers().orElse(Math.max(d.maxWorkers(), workers));
        String workersName = name(r, Setting.WORKERS, pace.workers());
        String maxWorkersName = name(r, Setting.MAX_WORKERS, pace.maxWorkers());
        withinWorkerBounds(workersName, workers);
        withinWorkerBounds(maxWorkersName, maxWorkers);
        if (workers > maxWorkers) {
            throw new ConfigException(workersName + " " + workers + " is above " + maxWorkersName + " " + maxWorkers);
        }
        Duration minDelay = pace.minDelay().orElse(d.minDelay());
        Duration maxDelay = pace.maxDelay().orElse(d.maxDelay());
        if (minDelay.compareTo(maxDelay) > 0) {
            throw new ConfigException(name(r, Setting.MIN_DELAY, pace.minDelay()) + " " + Durations.format(minDelay)
                    + " is above " + name(r, Setting.MAX_DELAY, pace.maxDelay()) + " " + Durations.format(maxDelay));
        }
        Duration floodCap = pace.floodWaitCap().orElse(d.floodWaitCap());
        String policy = !d.adaptive() || pace.fixed() ? "fixed" : d.policy();
        PolicySettings settings;
        try {
            Duration initial = d.initialDelay().compareTo(minDelay) < 0 ? minDelay
                    : d.initialDelay().compareTo(maxDelay) > 0 ? maxDelay : d.initialDelay();
            settings = new PolicySettings(policy, workers, maxWorkers, initial, minDelay, maxDelay);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        DownloadRequest.Run run = r.run();
        Optional<String> topic = sel.topic().map(String::strip);
        if (topic.isPresent() && topic.get().isEmpty()) {
            throw new ConfigException(r.names().apply(Setting.TOPIC) + " is empty: name a topic by its id or its name"
                    + " (tgdl topics SOURCE lists them)");
        }
        DownloadOptions options = new DownloadOptions(sources, filter, settings, d.requestRate(), d.requestBurst(),
                floodCap, d.stallTimeout(), d.maxRetries(), run.dryRun(), run.join(), run.full(), run.linkDuplicates(),
                topic, sel.comments());
        Path output = r.placement().output().orElse(d.output()).toAbsolutePath().normalize();
        if (!run.dryRun()) {
            checkWritable(output);
        }
        return new Plan(options, output, template, zone, run.maxDuration());
    }

    /**
     * Fails before anything starts when no file could be placed in {@code output}: else every file
     * would be fetched, fail at placement and wait in the retry queue for a folder that never works.
     * An existing folder is tried with a probe file (permissions alone miss read-only mounts and
     * /proc); a folder still to be made needs its nearest existing parent to be a writable folder.
     */
    static void checkWritable(Path output) {
        String hint = "; choose a folder you can write (-o, or a job's output:)";
        Path existing = output;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new ConfigException("output folder " + output + ": " + (existing == null ? "no such place"
                    : existing + " is not a folder") + hint);
        }
        if (!existing.equals(output)) {
            if (!Files.isWritable(existing)) {
                throw new ConfigException("output folder " + output + ": cannot create it in " + existing
                        + " (not writable)" + hint);
            }
            return;
        }
        try {
            Files.delete(Files.createTempFile(output, ".tgdl-probe-", ".tmp"));
        } catch (IOException e) {
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
            throw new ConfigException("output folder " + output + ": cannot create files there (" + why + ")" + hint);
        }
    }

    /** What to call a setting in a message: the caller's name when the request set it, else its configuration key. */
    private static String name(DownloadRequest r, Setting setting, Optional<?> given) {
        return given.isPresent() ? r.names().apply(setting) : "download." + setting.key();
    }

    private static void atLeastOne(DownloadRequest r, Setting setting, Optional<Long> id) {
        if (id.isPresent() && id.get() < 1) {
            throw new ConfigException(r.names().apply(setting) + " must be a message id from 1 (as in t.me links), got "
                    + id.get());
        }
    }

    private static void withinWorkerBounds(String name, int workers) {
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new ConfigException(name + " must be 1.." + MAX_WORKERS + ", got " + workers);
        }
    }

    private static OptionalLong optionalLong(Optional<Long> value) {
        return value.map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /**
     * Runs a checked plan: takes the profile's lock, opens the logged-in session and the manifest,
     * runs the engine, and records the run with its exit code.
     *
     * @param started receives the engine once built (the progress view reads its counters)
     */
    public static Outcome run(AppContext app, Plan plan, String command, ProgressListener listener,
                              RunControl control, Consumer<MediaDownloader> started) throws InterruptedException {
        app.lock(command);
        try (ExportFile export = openExport(plan, "--export")) {
            Telegram telegram = app.openLoggedInSession().telegram();
            Manifest manifest = app.manifest();
            long run = manifest.startRun(command, plan.options().sources().stream().map(SourceRef::text).toList());
            Ledger ledger = ledger(app, manifest, plan);
            DownloadReport report = engine(app.clock(), plan, telegram, ledger, listener, control, app.sizes(),
                    random(app), started, export == null ? MessageExport.NONE : export).run();
            ExitCode code = ExitCode.of(List.of(report));
            if (export != null) {
                export.commit(); // also after a stop: every line written is a complete message
            }
            manifest.finishRun(run, code.code(), StatsJson.json(report));
            return new Outcome(report, code);
        }
    }

    /** The plan's export file, opened (a hidden temporary file beside it); null when it has none. */
    static ExportFile openExport(Plan plan, String what) {
        return plan.export().map(f -> ExportFile.open(f, plan.output(), what)).orElse(null);
    }

    /** The ledger of a plan's output folder and selection (read-only for a dry run). */
    static Ledger ledger(AppContext app, Manifest manifest, Plan plan) {
        Ledger ledger = manifest.ledger(plan.output(), selection(plan.options()), retryPolicy(app.config()));
        return plan.options().dryRun() ? new ReadOnlyLedger(ledger) : ledger;
    }

    /**
     * The engine's randomness: seeded from the scenario with --simulate, so that a simulated run is
     * reproduced by running the same command again; unseeded otherwise.
     */
    static RandomGenerator random(AppContext app) {
        return app.simulation().<RandomGenerator>map(s -> new SplittableRandom(s.scenario().seed() * 0x9E3779B97F4A7C15L + 1))
                .orElseGet(SplittableRandom::new);
    }

    /**
     * The engine for a plan: the one place it is built, for {@code download}, {@code archive} and
     * {@code tgdl bench} alike, so the benchmark measures exactly what users run.
     *
     * @param random  randomness of the engine's jitter (seeded from the scenario with --simulate)
     * @param started receives the engine once built (the progress view reads its counters)
     * @param export  where the messages it scans are written ({@link MessageExport#NONE} for none)
     */
    static MediaDownloader engine(TimeSource clock, Plan plan, Telegram telegram, Ledger ledger,
                                  ProgressListener listener, RunControl control, SizeCache sizes,
                                  RandomGenerator random, Consumer<MediaDownloader> started, MessageExport export) {
        FolderSink sink = new FolderSink(plan.output(), plan.template(), plan.zone(), ledger);
        MediaDownloader engine = new MediaDownloader(telegram, sink, ledger, listener, clock, random, control, sizes,
                plan.options(), export);
        started.accept(engine);
        return engine;
    }

    /**
     * What a selection is, for the manifest: types, extensions and sizes (not ranges, which never
     * move a chat's high-water mark). Runs with the same output folder and selection share scan progress.
     */
    static String selection(DownloadOptions options) {
        // with comments a chat is scanned for more than its own files: its scan progress is kept apart, so the
        // first run with --comments reads every post's comments, and files archived without them count as copies
        return selection(options.filter()) + (options.comments() ? ";comments" : "");
    }

    static String selection(MediaFilter filter) {
        return "types=" + filter.types().stream().map(MediaType::label).sorted().collect(Collectors.joining(","))
                + ";include=" + filter.include().stream().sorted().collect(Collectors.joining(","))
                + ";exclude=" + filter.exclude().stream().sorted().collect(Collectors.joining(","))
                + ";min=" + filter.minSize() + ";max=" + (filter.maxSize().isPresent() ? filter.maxSize().getAsLong() : "");
    }

    /** The retry schedule of the configuration. */
    public static RetryPolicy retryPolicy(Config config) {
        return new RetryPolicy(config.archive().retryDelays(), config.archive().retryEvery(), config.archive().maxAttempts());
    }

    static SourceRef source(String text) {
        try {
            return SourceRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static PathTemplate template(String text, String name) {
        try {
            return PathTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + ": " + e.getMessage());
        }
    }

    /** Media types by their labels (configuration values: checked when loaded, so a bad one is a bug there). */
    static Set<MediaType> types(List<String> labels, String name) {
        Set<MediaType> types = EnumSet.noneOf(MediaType.class);
        for (String label : labels) {
            types.add(MediaType.byLabel(label).orElseThrow(() -> new ConfigException(name + ": '" + label
                    + "' is not a media type; use " + String.join(",", MediaType.labels()))));
        }
        return types;
    }
}
