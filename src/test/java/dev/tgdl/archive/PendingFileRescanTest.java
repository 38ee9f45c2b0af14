package dev.tgdl.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.download.DownloadOptions;
import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.FolderSink;
import dev.tgdl.download.Ledger;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.MediaFilter;
import dev.tgdl.download.PolicySettings;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.download.SizeCache;
import dev.tgdl.naming.PathTemplate;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimFiles;
import dev.tgdl.sim.SimMedia;
import dev.tgdl.sim.SimulatedTdlib;
import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.TdSession;
import dev.tgdl.time.TimeSource;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed after it queued a file leaves a pending row; the next run takes it up first and then,
 * scanning from where the killed run's checkpoint was, meets the same message again. Found by
 * ArchiveCrashIT: that second meeting was recorded as a duplicate of the queued file itself, which
 * overwrote the pending row with "skipped", so a run stopped before the download never fetched it.
 */
class PendingFileRescanTest {

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    private static final double SCALE = 200;

    @TempDir
    Path dir;

    @Test
    void aPendingFileTheScanMeetsAgain_isDownloadedOnce_andNeverRecordedAsADuplicateOfItself() throws Exception {
        TimeSource clock = time.clock();
        Scenario scenario = Scenario.builtin().withTimeScale(SCALE);
        SimMedia media = scenario.channel("demo").orElseThrow().media(1)
                .filter(m -> m.albumId() == 0).skip(10).findFirst().orElseThrow();
        Path out = dir.resolve("out");
        SimulatedTdlib sim = SimulatedTdlib.create(scenario, clock);
        try (Manifest manifest = Manifest.open(dir.resolve("manifest.db"), clock);
             TdSession session = TdSession.open(new TdSession.Options(sim, dir.resolve("db"), dir.resolve("files"),
                     dir.resolve("tdlib.log"), 0, 1, "test", Optional.empty(), "test", clock, Duration.ofSeconds(30)))) {
            ManifestLedger ledger = manifest.ledger(out, "all", RetryPolicy.standard());
            PathTemplate template = PathTemplate.parse("{message_id}_{unique_id}");
            Chat chat = session.telegram().resolve(SourceRef.parse("@demo"), false).chat();
            ledger.resolved(chat);
            // what the killed run left: the file queued, its download never done, no scan checkpoint
            MediaItem item = session.telegram().message(chat, media.serverMessageId()).stream()
                    .filter(m -> m.file().uniqueId().equals(media.uniqueId())).findFirst().orElseThrow();
            FolderSink planner = new FolderSink(out, template, ZoneOffset.UTC, ledger);
            ledger.queued(item, planner.place(item).target());

            // the next run, over a range holding only that message
            MediaFilter only = new MediaFilter(MediaFilter.all().types(), Set.of(), Set.of(), 0,
                    OptionalLong.empty(), OptionalLong.of(media.serverMessageId()), OptionalLong.of(media.serverMessageId()),
                    Optional.empty(), Optional.empty(), OptionalLong.empty());
            DownloadOptions options = new DownloadOptions(List.of(SourceRef.parse("@demo")), only, PolicySettings.defaults(),
                    30, 30, Duration.ofMinutes(15), Duration.ofMinutes(2), 5, false, false, false, false);
            MediaDownloader engine = new MediaDownloader(session.telegram(), new FolderSink(out, template, ZoneOffset.UTC, ledger),
                    ledger, ProgressListener.NONE, clock, new SplittableRandom(1), new RunControl(clock, Optional.empty()),
                    new SizeCache(clock), options);
            DownloadReport report = engine.run();

            assertThat(report.successfulDownloads()).isEqualTo(1);
            assertThat(report.skipped()).as("not skipped as a duplicate of itself").isZero();
            assertThat(ledger.due(chat)).extracting(Ledger.Due::messageId).isEmpty();
        } finally {
            sim.close();
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("manifest.db"));
             Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT status, path FROM items WHERE message_id = " + media.serverMessageId())) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("done");
            assertThat(SimFiles.matches(Path.of(r.getString(2)), media.uniqueId(), media.size())).isTrue();
            assertThat(r.next()).as("one row").isFalse();
        }
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }
}
