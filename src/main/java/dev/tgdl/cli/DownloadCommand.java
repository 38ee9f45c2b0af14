package dev.tgdl.cli;

import dev.tgdl.app.AppContext;
import dev.tgdl.app.DownloadRequest;
import dev.tgdl.app.Downloads;
import dev.tgdl.app.ExitCode;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.pacing.RunControl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download the media of channels and groups.",
            "SOURCE: @username, username, https://t.me/username[/ID], https://t.me/c/CHANNEL/ID, -100... ids,",
            "invite links (https://t.me/+HASH; joined only with --join). A repeated run downloads only what is new."})
final class DownloadCommand extends BaseCommand {

    private static final String TEMPLATE = "--template";
    private static final String WORKERS = "--workers";
    private static final String MAX_WORKERS = "--max-workers";
    private static final String MIN_DELAY = "--min-delay";
    private static final String MAX_DELAY = "--max-delay";

    @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "Channels, groups or message links.")
    List<String> sources;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: download.output).")
    Path output;

    @Option(names = TEMPLATE, paramLabel = "T", description = "File layout, e.g. {chat}/{date:yyyy-MM}/{message_id}_{file_name}.")
    String template;

    @Mixin
    SelectionOptions selection;

    @Option(names = WORKERS, paramLabel = "N", converter = Converters.CountConverter.class,
            description = "Concurrent downloads to start with (1..32).")
    Optional<Integer> workers = Optional.empty();

    @Option(names = MAX_WORKERS, paramLabel = "N", converter = Converters.CountConverter.class,
            description = "Most concurrent downloads (1..32).")
    Optional<Integer> maxWorkers = Optional.empty();

    @Option(names = MIN_DELAY, paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Shortest pause before a request: 100ms, 0.5s, 2s.")
    Optional<Duration> minDelay = Optional.empty();

    @Option(names = MAX_DELAY, paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Longest pause before a request (as --min-delay).")
    Optional<Duration> maxDelay = Optional.empty();

    @Option(names = "--no-adaptive", description = "Keep workers and delay fixed.")
    boolean noAdaptive;

    @Option(names = "--flood-wait-cap", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Stop (exit 5, resumable) when Telegram asks to wait longer than this: 30s, 15m, 1h.")
    Optional<Duration> floodWaitCap = Optional.empty();

    @Option(names = "--max-duration", paramLabel = "D", converter = Converters.DurationConverter.class,
            description = "Stop (exit 5, resumable) after this long: 50m, 1h30m.")
    Optional<Duration> maxDuration = Optional.empty();

    @Option(names = "--dry-run", description = "Show what would be downloaded, and where; download nothing.")
    boolean dryRun;

    @Option(names = "--join", description = "Join the chat of an invite link when not a member.")
    boolean join;

    @Option(names = "--full", description = "Rescan from the newest message and re-fetch files missing on disk.")
    boolean full;

    @Option(names = "--link-duplicates", description = "A file already archived for another message is hard-linked "
            + "(or copied) to this message's place too, instead of only being recorded.")
    boolean linkDuplicates;

    @Option(names = "--export", paramLabel = "FILE.jsonl", description = "Write one JSON line per message scanned "
            + "(text, entities, sender, views, files placed) to FILE, moved into place when the run ends.")
    Path export;

    @Mixin
    JsonOption json;

    @Mixin
    ProgressOption progress;

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        DownloadRequest request = DownloadRequest.builder(sources)
                .selection(selection.selection())
                .output(Optional.ofNullable(output)).template(Optional.ofNullable(template))
                .workers(workers).maxWorkers(maxWorkers).minDelay(minDelay).maxDelay(maxDelay)
                .fixedPace(noAdaptive).floodWaitCap(floodWaitCap)
                .maxDuration(maxDuration)
                .dryRun(dryRun).join(join).full(full).linkDuplicates(linkDuplicates)
                .names(DownloadCommand::flag)
                .build();
        // every flag is checked before a session is opened: a typo costs nothing
        Downloads.Plan plan = Downloads.plan(app.config(), request).withExport(Optional.ofNullable(export), "--export");
        RunControl control = new RunControl(app.clock(), plan.maxDuration());
        String command = "download " + String.join(" ", sources);
        boolean live = progress.live(cli().terminal());
        Downloads.Outcome outcome = showingProgress(live, control,
                (view, attach) -> run(app, plan, command, view, attach, control));
        if (json.enabled) {
            Json.print(cli().out(), Json.runDocument(outcome.report(), outcome.code(), app));
        } else {
            cli().out().println(Reports.summary(outcome.report(), dryRun));
        }
        return outcome.code();
    }

    /** Runs the plan with {@code view}, traced for {@code tgdl bench --plot} when TGDL_BENCH_TRACE names a file. */
    private Downloads.Outcome run(AppContext app, Downloads.Plan plan, String command, ProgressListener view,
                                  Consumer<MediaDownloader> attach, RunControl control) throws InterruptedException {
        String trace = cli().environment().getOrDefault("TGDL_BENCH_TRACE", "");
        if (trace.isBlank()) {
            return Downloads.run(app, plan, command, view, control, attach);
        }
        try (TraceListener traced = new TraceListener(view, app.clock(), Path.of(trace))) {
            return Downloads.run(app, plan, command, traced, control, attach.andThen(traced::attach));
        }
    }

    /** The flag that sets {@code setting}, for messages about it. */
    private static String flag(DownloadRequest.Setting setting) {
        return switch (setting) {
            case TEMPLATE -> TEMPLATE;
            case TYPES -> SelectionOptions.TYPES;
            case MIN_SIZE -> SelectionOptions.MIN_SIZE;
            case MAX_SIZE -> SelectionOptions.MAX_SIZE;
            case FROM_ID -> SelectionOptions.FROM_ID;
            case TO_ID -> SelectionOptions.TO_ID;
            case SINCE -> SelectionOptions.SINCE;
            case UNTIL -> SelectionOptions.UNTIL;
            case LIMIT -> SelectionOptions.LIMIT;
            case WORKERS -> WORKERS;
            case MAX_WORKERS -> MAX_WORKERS;
            case MIN_DELAY -> MIN_DELAY;
            case MAX_DELAY -> MAX_DELAY;
            case TOPIC -> SelectionOptions.TOPIC;
        };
    }
}
