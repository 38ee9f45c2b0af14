package dev.tgdl.cli;

import dev.tgdl.app.ExitCode;
import dev.tgdl.app.AppContext;
import dev.tgdl.app.DownloadRequest;
import dev.tgdl.app.Downloads;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.pacing.StopReason;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.ProgressListener;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download the media of channels and groups.",
            "SOURCE: @username, username, https://t.me/username[/ID], https://t.me/c/CHANNEL/ID, -100... ids,",
            "invite links (https://t.me/+HASH; joined only with --join). A repeated run downloads only what is new."})
final class DownloadCommand extends BaseCommand {

    @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "Channels, groups or message links.")
    List<String> sources;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: download.output).")
    Path output;

    @Option(names = "--template", paramLabel = "T", description = "File layout, e.g. {chat}/{date:yyyy-MM}/{message_id}_{file_name}.")
    String template;

    @Option(names = "--types", split = ",", paramLabel = "LIST",
            description = "photo,video,document,audio,voice,video_note,animation,sticker")
    List<String> types;

    @Option(names = "--include", split = ",", paramLabel = "EXT,..", description = "Only these extensions.")
    List<String> include;

    @Option(names = "--exclude", split = ",", paramLabel = "EXT,..", description = "Never these extensions.")
    List<String> exclude;

    @Option(names = "--min-size", paramLabel = "S", description = "Skip smaller files (e.g. 100KB).")
    String minSize;

    @Option(names = "--max-size", paramLabel = "S", description = "Skip larger files (e.g. 1.5GiB).")
    String maxSize;

    @Option(names = "--from-id", paramLabel = "N", description = "Oldest message id (as in t.me links).")
    Long fromId;

    @Option(names = "--to-id", paramLabel = "N", description = "Newest message id.")
    Long toId;

    @Option(names = "--since", paramLabel = "DATE", description = "Messages from this date (2024-05-01).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Messages before this date.")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "At most N files per source.")
    Long limit;

    @Option(names = "--workers", paramLabel = "N", description = "Concurrent downloads to start with.")
    Integer workers;

    @Option(names = "--max-workers", paramLabel = "N", description = "Most concurrent downloads (at most 32).")
    Integer maxWorkers;

    @Option(names = "--min-delay", paramLabel = "S", description = "Shortest pause before a request (e.g. 0.1s).")
    String minDelay;

    @Option(names = "--max-delay", paramLabel = "S", description = "Longest pause before a request.")
    String maxDelay;

    @Option(names = "--no-adaptive", description = "Keep workers and delay fixed.")
    boolean noAdaptive;

    @Option(names = "--flood-wait-cap", paramLabel = "S",
            description = "Stop (exit 5, resumable) when Telegram asks to wait longer than this (default 15m).")
    String floodWaitCap;

    @Option(names = "--max-duration", paramLabel = "D",
            description = "Stop (exit 5, resumable) after this long, e.g. 50m.")
    String maxDuration;

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

    @Option(names = "--json", description = "Print the stats document (JSON) on stdout.")
    boolean json;

    @Option(names = "--no-progress", description = "Plain log lines instead of the live view.")
    boolean noProgress;

    @Override
    protected ExitCode run(AppContext app) throws Exception {
        DownloadRequest request = new DownloadRequest(sources, Optional.ofNullable(output), Optional.ofNullable(template),
                Optional.ofNullable(types), Optional.ofNullable(include), Optional.ofNullable(exclude),
                Optional.ofNullable(minSize), Optional.ofNullable(maxSize), optional(fromId), optional(toId),
                Optional.ofNullable(since), Optional.ofNullable(until), optional(limit), Optional.ofNullable(workers),
                Optional.ofNullable(maxWorkers), Optional.ofNullable(minDelay), Optional.ofNullable(maxDelay),
                noAdaptive, Optional.ofNullable(floodWaitCap), dryRun, join, full, linkDuplicates,
                Optional.ofNullable(maxDuration).map(d -> Downloads.duration(d, "--max-duration")));
        // every flag is checked before a session is opened: a typo costs nothing
        Downloads.Plan plan = Downloads.plan(app.config(), request).withExport(Optional.ofNullable(export), "--export");
        RunControl control = new RunControl(app.clock(), plan.maxDuration());
        String command = "download " + String.join(" ", sources);
        Downloads.Outcome outcome;
        boolean live = !noProgress && cli().terminal().stderrIsTerminal();
        Interrupts interrupts = Interrupts.install(() -> control.stop(StopReason.INTERRUPTED, "interrupted"));
        try {
            if (live) {
                try (LiveProgress view = LiveProgress.open(consoleLog)) {
                    outcome = run(app, plan, command, view, view::attach, control);
                }
            } else {
                PlainProgress view = new PlainProgress();
                outcome = run(app, plan, command, view, view::attach, control);
            }
        } finally {
            interrupts.close();
        }
        if (json) {
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

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

}
