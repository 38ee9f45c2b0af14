package dev.tgdl.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.download.Ledger;
import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MediaType;
import dev.tgdl.telegram.RemoteFile;
import dev.tgdl.time.ManualTimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest as the engine's ledger, on a clock the test drives. */
class ManifestLedgerTest {

    @TempDir
    Path dir;

    private final ManualTimeSource clock = new ManualTimeSource();
    private final Chat chat = new Chat(-1001000000001L, "demo", Optional.of("demo"));
    private Manifest manifest;
    private ManifestLedger ledger;

    @BeforeEach
    void open() {
        manifest = Manifest.open(dir.resolve("manifest.db"), clock);
        ledger = manifest.ledger(dir.resolve("out"), "types=photo", RetryPolicy.standard());
        ledger.resolved(chat);
    }

    @AfterEach
    void close() {
        manifest.close();
    }

    private MediaItem item(long messageId, String uniqueId) {
        return new MediaItem(chat, messageId, Instant.parse("2025-01-01T00:00:00Z"), 0, MediaType.PHOTO, Optional.empty(),
                "image/jpeg", new RemoteFile((int) messageId, uniqueId, 1000));
    }

    private List<Long> dueIds() {
        return ledger.due(chat).stream().map(Ledger.Due::messageId).toList();
    }

    @Test
    void failedItem_comesBackExactlyOnTheSchedule_thenBecomesADeadLetterAfterTenAttempts() {
        MediaItem item = item(7, "AgADx");
        ledger.queued(item, dir.resolve("out/x.jpg"));
        List<Duration> schedule = List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20),
                Duration.ofMinutes(40), Duration.ofMinutes(60), Duration.ofMinutes(60), Duration.ofMinutes(60),
                Duration.ofMinutes(60), Duration.ofMinutes(60));
        for (Duration wait : schedule) {
            ledger.failed(item, "network", false);
            clock.advance(wait.minusSeconds(1));
            assertThat(dueIds()).as("one second before %s", wait).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(dueIds()).as("at %s", wait).containsExactly(7L);
            ledger.queued(item, dir.resolve("out/x.jpg"));
        }
        ledger.failed(item, "network, again", false);
        clock.advance(Duration.ofDays(1));
        assertThat(dueIds()).isEmpty();
        List<Manifest.DeadLetter> dead = manifest.failed();
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().attempts()).isEqualTo(10);
        assertThat(dead.getFirst().error()).isEqualTo("network, again");
        assertThat(dead.getFirst().chat()).isEqualTo("demo");
    }

    @Test
    void accessError_isADeadLetterAtOnce() {
        MediaItem item = item(8, "AgADy");
        ledger.queued(item, dir.resolve("out/y.jpg"));
        ledger.failed(item, "CHANNEL_PRIVATE", true);
        assertThat(manifest.failed()).extracting(Manifest.DeadLetter::messageId).containsExactly(8L);
        assertThat(dueIds()).isEmpty();
    }

    @Test
    void retryFailed_revivesDeadLetters_withAttemptsStartingOver() {
        MediaItem item = item(9, "AgADz");
        ledger.queued(item, dir.resolve("out/z.jpg"));
        ledger.failed(item, "gone", true);
        assertThat(manifest.retryNow(false)).isZero();
        assertThat(manifest.retryNow(true)).isEqualTo(1);
        assertThat(dueIds()).containsExactly(9L);
        assertThat(manifest.failed()).isEmpty();
        ledger.failed(item, "again", false);
        clock.advance(Duration.ofMinutes(5));
        assertThat(dueIds()).containsExactly(9L);
    }

    @Test
    void pendingItems_ofAnInterruptedRun_areDueAtOnce() {
        ledger.queued(item(10, "a"), dir.resolve("out/a.jpg"));
        ledger.queued(item(11, "b"), dir.resolve("out/b.jpg"));
        ledger.downloaded(item(11, "b"), dir.resolve("out/b.jpg"), 1000);
        assertThat(dueIds()).containsExactly(10L);
    }

    @Test
    void done_isRecordedWithItsPath_andDeduplicatesAcrossChatsInTheSameOutput() {
        MediaItem original = item(12, "same");
        ledger.queued(original, dir.resolve("out/one.jpg"));
        ledger.downloaded(original, dir.resolve("out/one.jpg"), 1000);

        assertThat(ledger.done(original)).contains(new Ledger.Done(dir.resolve("out/one.jpg"), 1000));
        ManifestLedger otherSelection = manifest.ledger(dir.resolve("out"), "types=photo,video", RetryPolicy.standard());
        assertThat(otherSelection.archivedCopy("same")).contains(new Ledger.Done(dir.resolve("out/one.jpg"), 1000));
        ManifestLedger otherFolder = manifest.ledger(dir.resolve("elsewhere"), "types=photo", RetryPolicy.standard());
        assertThat(otherFolder.archivedCopy("same")).isEmpty();
        assertThat(ledger.pathBelongsToOther(dir.resolve("out/one.jpg"), "different")).isTrue();
        assertThat(ledger.pathBelongsToOther(dir.resolve("out/one.jpg"), "same")).isFalse();
    }

    @Test
    void scanState_keepsTheMarkAndACheckpoint_perOutputAndSelection() {
        ledger.scanProgress(chat, 300, 120);
        assertThat(ledger.scanState(chat)).isEqualTo(new Ledger.ScanState(0, Optional.of(new Ledger.Checkpoint(300, 120))));
        ledger.scanned(chat, 300);
        assertThat(ledger.scanState(chat)).isEqualTo(new Ledger.ScanState(300, Optional.empty()));
        ledger.scanned(chat, 250);
        assertThat(ledger.scanState(chat).highWaterMark()).isEqualTo(300);
        assertThat(manifest.ledger(dir.resolve("out"), "types=video", RetryPolicy.standard()).scanState(chat))
                .isEqualTo(Ledger.ScanState.NONE);
    }

    @Test
    void status_countsPerChat() {
        ledger.queued(item(1, "a"), dir.resolve("out/a"));
        ledger.downloaded(item(1, "a"), dir.resolve("out/a"), 1000);
        ledger.queued(item(2, "b"), dir.resolve("out/b"));
        ledger.queued(item(3, "c"), dir.resolve("out/c"));
        ledger.failed(item(3, "c"), "x", false);
        ledger.queued(item(4, "d"), dir.resolve("out/d"));
        ledger.failed(item(4, "d"), "y", true);
        Manifest.ChatStatus status = manifest.status().getFirst();
        assertThat(status.chat()).isEqualTo("demo");
        assertThat(List.of(status.done(), status.pending(), status.retryDue(), status.retryLater(), status.failed()))
                .containsExactly(1L, 1L, 0L, 1L, 1L);
        assertThat(status.bytes()).isEqualTo(1000);
        assertThat(status.nextRetryAt()).contains(clock.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void runs_areRecordedWithTheirStats() {
        long run = manifest.startRun("archive", List.of("@demo"));
        assertThat(manifest.runs(5).getFirst().finishedAt()).isEmpty();
        manifest.finishRun(run, 1, "{\"failed\":2}");
        Manifest.Run r = manifest.runs(5).getFirst();
        assertThat(r.exitCode()).contains(1);
        assertThat(r.stats()).contains("{\"failed\":2}");
        assertThat(r.sources()).isEqualTo("@demo");
    }

    @Test
    void reopening_keepsEverything_andMigratesNothingTwice() {
        ledger.queued(item(1, "a"), dir.resolve("out/a"));
        manifest.close();
        manifest = Manifest.open(dir.resolve("manifest.db"), clock);
        ledger = manifest.ledger(dir.resolve("out"), "types=photo", RetryPolicy.standard());
        assertThat(dueIds()).containsExactly(1L);
    }
}
