package dev.tgdl.app;

import dev.tgdl.archive.Manifest;
import dev.tgdl.archive.RetryPolicy;
import dev.tgdl.config.Config;
import dev.tgdl.config.ConfigException;
import dev.tgdl.config.ConfigLoader;
import dev.tgdl.config.DataSizes;
import dev.tgdl.config.Durations;
import dev.tgdl.download.DownloadOptions;
import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.FolderSink;
import dev.tgdl.download.Ledger;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.MediaFilter;
import dev.tgdl.download.MessageExport;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.download.ReadOnlyLedger;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.download.SizeCache;
import dev.tgdl.download.PolicySettings;
import dev.tgdl.naming.PathTemplate;
import dev.tgdl.telegram.MediaType;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.Telegram;
import dev.tgdl.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
     * Checks a request against the configuration; nothing is opened yet.
     *
     * @throws ConfigException (exit 2) naming the flag and what it accepts
     */
    public static Plan plan(Config config, DownloadRequest r) {
        Config.DownloadConfig d = config.download();
        if (r.sources().isEmpty()) {
            throw new ConfigException("no SOURCE given: name a channel, e.g. tgdl download @channel");
        }
        List<SourceRef> sources = r.sources().stream().map(Downloads::source).toList();
        PathTemplate template = template(r.template().orElse(d.template()));
        ZoneId zone = ConfigLoader.zone(d.timezone(), Map.of(), null);
        Set<MediaType> types = types(r.types().orElse(d.types()), "--types");
        long minSize = r.minSize().map(s -> size(s, "--min-size")).orElse(d.minSize());
        OptionalLong maxSize = r.maxSize().map(s -> OptionalLong.of(size(s, "--max-size")))
                .orElse(d.maxSize().map(OptionalLong::of).orElse(OptionalLong.empty()));
        if (maxSize.isPresent() && maxSize.getAsLong() < minSize) {
            throw new ConfigException("--max-size is smaller than --min-size: nothing could match");
        }
        if (r.fromId().isPresent() && r.toId().isPresent() && r.fromId().getAsLong() > r.toId().getAsLong()) {
            throw new ConfigException("--from-id " + r.fromId().getAsLong() + " is above --to-id " + r.toId().getAsLong());
        }
        for (OptionalLong id : List.of(r.fromId(), r.toId(), r.limit())) {
            if (id.isPresent() && id.getAsLong() < 1) {
                throw new ConfigException("--from-id, --to-id and --limit take numbers from 1 (message ids as in t.me links)");
            }
        }
        Optional<Instant> since = r.since().map(s -> date(s, zone, "--since"));
        Optional<Instant> until = r.until().map(s -> date(s, zone, "--until"));
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new ConfigException("--since must be before --until");
        }
        MediaFilter filter = new MediaFilter(types, Set.copyOf(r.include().orElse(d.include())),
                Set.copyOf(r.exclude().orElse(d.exclude())), minSize, maxSize, r.fromId(), r.toId(), since, until,
                r.limit());
        int workers = r.workers().orElse(d.workers());
        int maxWorkers = r.maxWorkers().orElse(Math.max(d.maxWorkers(), workers));
        Duration minDelay = r.minDelay().map(s -> duration(s, "--min-delay")).orElse(d.minDelay());
        Duration maxDelay = r.maxDelay().map(s -> duration(s, "--max-delay")).orElse(d.maxDelay());
        Duration floodCap = r.floodWaitCap().map(s -> duration(s, "--flood-wait-cap")).orElse(d.floodWaitCap());
        String policy = !d.adaptive() || r.noAdaptive() ? "fixed" : d.policy();
        PolicySettings settings;
        try {
            Duration initial = d.initialDelay().compareTo(minDelay) < 0 ? minDelay
                    : d.initialDelay().compareTo(maxDelay) > 0 ? maxDelay : d.initialDelay();
            settings = new PolicySettings(policy, workers, maxWorkers, initial, minDelay, maxDelay);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        DownloadOptions options = new DownloadOptions(sources, filter, settings, d.requestRate(), d.requestBurst(),
                floodCap, d.stallTimeout(), d.maxRetries(), r.dryRun(), r.join(), r.full(), r.linkDuplicates());
        Path output = r.output().orElse(d.output()).toAbsolutePath().normalize();
        return new Plan(options, output, template, zone, r.maxDuration());
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
            ExitCode code = ExitCode.of(report);
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
        Ledger ledger = manifest.ledger(plan.output(), selection(plan.options().filter()), retryPolicy(app.config()));
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
     * @param random  randomness of the engine's jitter (seeded by the benchmark)
     * @param started receives the engine once built (the progress view reads its counters)
     */
    public static MediaDownloader engine(TimeSource clock, Plan plan, Telegram telegram, Ledger ledger,
                                         ProgressListener listener, RunControl control, SizeCache sizes,
                                         RandomGenerator random, Consumer<MediaDownloader> started) {
        return engine(clock, plan, telegram, ledger, listener, control, sizes, random, started, MessageExport.NONE);
    }

    /** The engine for a plan, exporting the messages it scans to {@code export}. */
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

    static PathTemplate template(String text) {
        try {
            return PathTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static Set<MediaType> types(List<String> names, String flag) {
        Set<MediaType> types = EnumSet.noneOf(MediaType.class);
        for (String name : names) {
            for (String part : name.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                types.add(MediaType.byLabel(part).orElseThrow(() -> new ConfigException(flag + ": '" + part.trim()
                        + "' is not a media type; use " + String.join(",", MediaType.labels()))));
            }
        }
        if (types.isEmpty()) {
            throw new ConfigException(flag + " is empty: name at least one of " + String.join(",", MediaType.labels()));
        }
        return types;
    }

    static long size(String text, String flag) {
        try {
            return DataSizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(flag + ": " + e.getMessage());
        }
    }

    public static Duration duration(String text, String flag) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(flag + ": " + e.getMessage());
        }
    }

    /** A date ({@code 2024-05-01}, midnight in the zone) or an instant ({@code 2024-05-01T12:00:00Z}). */
    static Instant date(String text, ZoneId zone, String flag) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConfigException(flag + ": '" + text + "' is not a date: use 2024-05-01 or 2024-05-01T12:00:00Z");
        }
    }
}
