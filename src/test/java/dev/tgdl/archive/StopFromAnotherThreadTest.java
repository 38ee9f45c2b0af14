package dev.tgdl.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.download.DownloadOptions;
import dev.tgdl.download.DownloadReport;
import dev.tgdl.download.FolderSink;
import dev.tgdl.download.MediaDownloader;
import dev.tgdl.download.MediaFilter;
import dev.tgdl.download.PolicySettings;
import dev.tgdl.download.ProgressListener;
import dev.tgdl.download.SizeCache;
import dev.tgdl.naming.PathTemplate;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.pacing.StopReason;
import dev.tgdl.sim.Scenario;
import dev.tgdl.sim.SimulatedTdlib;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.SourceRef;
import dev.tgdl.telegram.TdSession;
import dev.tgdl.time.TimeSource;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop runs its actions on whichever thread asks for it (a download worker past --max-duration, say),
 * and may still be running them when the run has ended. Found by ThreadsCliTest under load: the
 * engine's "interrupt the fetch thread" action reached the command's thread after the run had cleared
 * its flag, and the next run in that thread failed on its first wait with an InterruptedException.
 */
class StopFromAnotherThreadTest {

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    @TempDir
    Path dir;

    @Test
    void aStopStillDeliveringItsActionsAfterTheRunEnded_leavesTheRunsThreadUninterrupted() throws Exception {
        TimeSource clock = time.clock();
        Scenario scenario = Scenario.builtin().withTimeScale(200);
        RunControl control = new RunControl(clock, Optional.empty());
        CountDownLatch runEnded = new CountDownLatch(1);
        // registered before the engine's own action, so the stopping thread reaches the engine's only
        // once the run has ended: the late delivery a loaded machine makes now and then, made certain
        control.onStop(() -> {
            try {
                runEnded.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicReference<Thread> stopper = new AtomicReference<>();
        ProgressListener stopAtFirstFile = new ProgressListener() {
            @Override
            public void started(MediaItem item) {
                if (stopper.get() == null) {
                    Thread t = new Thread(() -> control.stop(StopReason.INTERRUPTED, "stopped by the test"), "stopper");
                    if (stopper.compareAndSet(null, t)) {
                        t.start();
                    }
                }
            }
        };
        Path out = dir.resolve("out");
        SimulatedTdlib sim = SimulatedTdlib.create(scenario, clock);
        DownloadReport report;
        try (Manifest manifest = Manifest.open(dir.resolve("manifest.db"), clock);
             TdSession session = TdSession.open(new TdSession.Options(sim, dir.resolve("db"), dir.resolve("files"),
                     dir.resolve("tdlib.log"), 0, 1, "test", Optional.empty(), "test", clock, Duration.ofSeconds(30)))) {
            ManifestLedger ledger = manifest.ledger(out, "all", RetryPolicy.standard());
            DownloadOptions options = new DownloadOptions(List.of(SourceRef.parse("@demo")), MediaFilter.all(),
                    PolicySettings.defaults(), 30, 30, Duration.ofMinutes(15), Duration.ofMinutes(2), 5, false, false,
                    false, false);
            MediaDownloader engine = new MediaDownloader(session.telegram(),
                    new FolderSink(out, PathTemplate.parse("{message_id}_{unique_id}"), ZoneOffset.UTC, ledger), ledger,
                    stopAtFirstFile, clock, new SplittableRandom(1), control, new SizeCache(clock), options);
            report = engine.run();
        } finally {
            sim.close();
        }
        runEnded.countDown();
        boolean interrupted = false;
        while (stopper.get().isAlive()) {
            try {
                stopper.get().join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        interrupted |= Thread.interrupted();

        assertThat(report.stopped()).isEqualTo(StopReason.INTERRUPTED);
        assertThat(interrupted).as("the run's thread was interrupted after the run ended").isFalse();
    }
}
