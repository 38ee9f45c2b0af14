package dev.tgdl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgdl.td.TdApi;
import dev.tgdl.td.TdException;
import dev.tgdl.td.TdFunctions;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads as the simulator runs them, after TDLib: per part, charged per part, bytes in flight per
 * data centre, newest request first, the premium speed limit, and the updateFile stream.
 */
class SimDownloadModelTest {

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    @TempDir
    Path dir;

    private Scenario scenario(String yaml) throws Exception {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return Scenario.load(file);
    }

    /** The main file of each media message of a chat, oldest first. */
    private static List<TdApi.File> files(SimSession s, long chat, int count) throws Exception {
        List<TdApi.File> files = new ArrayList<>();
        for (long id = 1; files.size() < count; id++) {
            TdApi.Message m = s.call(new TdFunctions.GetMessage(chat, id << 20));
            if (m.content() instanceof TdApi.MessageDocument d) {
                files.add(d.document().document());
            }
        }
        return files;
    }

    /** The updateFile documents of one file, in order, and a future done when it stops or completes. */
    private static final class Watch {
        final List<TdApi.File> updates = new CopyOnWriteArrayList<>();
        final CompletableFuture<TdApi.File> ended = new CompletableFuture<>();

        Watch(SimSession s, int fileId) {
            this(s, fileId, new CopyOnWriteArrayList<>());
        }

        /** Appends the file id to {@code finished} on the listener thread, so the order is the order of the updates. */
        Watch(SimSession s, int fileId, List<Integer> finished) {
            s.client.addUpdateListener(u -> {
                if (u instanceof TdApi.UpdateFile(TdApi.File f) && f.id() == fileId) {
                    updates.add(f);
                    if (!f.local().isDownloadingActive() && updates.size() > 1 && !ended.isDone()) {
                        finished.add(f.id());
                        ended.complete(f);
                    }
                }
            });
        }
    }

    private static final String ONE_BIG_DOCUMENT = """
            time_scale: max
            limits: {bandwidth: 1MB, latency: 100ms}
            channels:
              - {username: one, id: 2000000010, messages: 4, text_share: 0, deleted_share: 0, album_share: 0,
                 media: {document: 1}, sizes: {median: 1MB, sigma: 0, min: 1MB, max: 1MB}}
            """;

    @Test
    void updateFileStream_activeFirstWithNoPath_thenOnePerPart_sizesNeverBehindThePrefix() throws Exception {
        try (SimSession s = SimSession.open(scenario(ONE_BIG_DOCUMENT), time.clock(), dir)) {
            long chat = s.call(new TdFunctions.SearchPublicChat("one")).id();
            TdApi.File file = files(s, chat, 1).getFirst();
            Watch watch = new Watch(s, file.id());

            s.call(new TdFunctions.DownloadFile(file.id(), 1, 0, 0, false));
            TdApi.File done = time.clock().await(watch.ended, Duration.ofMinutes(5));

            List<TdApi.File> updates = watch.updates;
            int parts = (int) ((file.size() + 65535) / 65536);
            // one as it becomes active (before any byte), one per part but the last, one at completion
            assertThat(updates).hasSize(1 + (parts - 1) + 1);
            TdApi.File first = updates.getFirst();
            assertThat(first.local().isDownloadingActive()).isTrue();
            assertThat(first.local().downloadedSize()).isZero();
            assertThat(first.local().path()).isEmpty();
            assertThat(updates.get(1).local().path()).isNotEmpty();
            assertThat(updates).allSatisfy(f -> assertThat(f.local().downloadedSize())
                    .isGreaterThanOrEqualTo(f.local().downloadedPrefixSize()));
            assertThat(updates.subList(1, updates.size() - 1)).extracting(f -> f.local().downloadedSize())
                    .isSorted().doesNotHaveDuplicates();
            assertThat(done.local().isDownloadingCompleted()).isTrue();
            assertThat(SimFiles.matches(Path.of(done.local().path()), file.remote().uniqueId(), file.size())).isTrue();
            assertThat(s.sim.stats().partsRequested()).isEqualTo(parts);
        }
    }

    @Test
    void oneSmallFileAlone_cannotFillTheLink_butEnoughFilesInFlightDo() throws Exception {
        Scenario small = scenario("""
                time_scale: max
                limits: {bandwidth: 4MB, latency: 200ms}
                channels:
                  - {username: small, id: 2000000011, messages: 40, text_share: 0, deleted_share: 0, album_share: 0,
                     media: {document: 1}, sizes: {median: 128KB, sigma: 0, min: 128KB, max: 128KB}}
                """);
        try (SimSession s = SimSession.open(small, time.clock(), dir)) {
            long chat = s.call(new TdFunctions.SearchPublicChat("small")).id();
            List<TdApi.File> files = files(s, chat, 32);
            // one at a time: each 128 KB file costs a round trip plus its transfer
            long start = time.clock().nanos();
            for (TdApi.File f : files.subList(0, 8)) {
                Watch w = new Watch(s, f.id());
                s.call(new TdFunctions.DownloadFile(f.id(), 1, 0, 0, false));
                time.clock().await(w.ended, Duration.ofMinutes(5));
            }
            double oneAtATime = 8 * 131072 / ((time.clock().nanos() - start) / 1e9);
            // sixteen at once (2 MiB in flight)
            start = time.clock().nanos();
            List<Watch> watches = new ArrayList<>();
            for (TdApi.File f : files.subList(8, 24)) {
                Watch w = new Watch(s, f.id());
                watches.add(w);
                s.call(new TdFunctions.DownloadFile(f.id(), 1, 0, 0, false));
            }
            for (Watch w : watches) {
                time.clock().await(w.ended, Duration.ofMinutes(5));
            }
            double together = 16 * 131072 / ((time.clock().nanos() - start) / 1e9);

            assertThat(oneAtATime).isLessThan(0.2 * 4_000_000);
            assertThat(together).isGreaterThan(0.6 * 4_000_000).isLessThanOrEqualTo(4_000_000);
        }
    }

    @Test
    void equalPriority_servesTheNewestRequestFirst_andAHigherPriorityBeforeIt() throws Exception {
        Scenario slow = scenario("""
                time_scale: max
                limits: {bandwidth: 1MB, latency: 100ms}
                channels:
                  - {username: order, id: 2000000012, messages: 10, text_share: 0, deleted_share: 0, album_share: 0,
                     media: {document: 1}, sizes: {median: 4MB, sigma: 0, min: 4MB, max: 4MB}}
                """);
        try (SimSession s = SimSession.open(slow, time.clock(), dir)) {
            long chat = s.call(new TdFunctions.SearchPublicChat("order")).id();
            List<TdApi.File> files = files(s, chat, 4);
            List<Integer> finished = new CopyOnWriteArrayList<>();
            List<Watch> watches = new ArrayList<>();
            for (TdApi.File f : files) {
                watches.add(new Watch(s, f.id(), finished));
            }
            // 4 MB files each need more than the 2 MiB in flight: one at a time is served
            s.call(new TdFunctions.DownloadFile(files.get(0).id(), 8, 0, 0, false));
            s.call(new TdFunctions.DownloadFile(files.get(1).id(), 8, 0, 0, false));
            s.call(new TdFunctions.DownloadFile(files.get(2).id(), 8, 0, 0, false));
            s.call(new TdFunctions.DownloadFile(files.get(3).id(), 16, 0, 0, false));
            for (Watch w : watches) {
                time.clock().await(w.ended, Duration.ofMinutes(5));
            }
            // the first request got parts before the others came; then priority, then newest first
            assertThat(finished).startsWith(files.get(3).id()).endsWith(files.get(0).id());
            assertThat(finished.indexOf(files.get(2).id())).isLessThan(finished.indexOf(files.get(1).id()));
            // while a newer file had the budget, an older one showed active with nothing downloaded
            assertThat(watches.get(1).updates.getFirst().local().isDownloadingActive()).isTrue();
        }
    }

    @Test
    void floodWaitOnParts_pausesTheDownloadMidway_thenItGoesOn() throws Exception {
        Scenario tight = scenario("""
                time_scale: max
                limits:
                  bandwidth: 10MB
                  latency: 50ms
                  parts: {rate: 4, burst: 6}
                  flood: {base: 8s, factor: 1, max: 8s, window: 1m}
                channels:
                  - {username: one, id: 2000000010, messages: 4, text_share: 0, deleted_share: 0, album_share: 0,
                     media: {document: 1}, sizes: {median: 1MB, sigma: 0, min: 1MB, max: 1MB}}
                """);
        try (SimSession s = SimSession.open(tight, time.clock(), dir)) {
            long chat = s.call(new TdFunctions.SearchPublicChat("one")).id();
            TdApi.File file = files(s, chat, 1).getFirst();
            Watch watch = new Watch(s, file.id());
            List<Long> progressAt = new CopyOnWriteArrayList<>();
            s.client.addUpdateListener(u -> {
                if (u instanceof TdApi.UpdateFile(TdApi.File f) && f.id() == file.id() && f.local().downloadedSize() > 0) {
                    progressAt.add(time.clock().nanos());
                }
            });
            s.call(new TdFunctions.DownloadFile(file.id(), 1, 0, 0, false));
            TdApi.File done = time.clock().await(watch.ended, Duration.ofMinutes(10));

            assertThat(done.local().isDownloadingCompleted()).isTrue();
            long longestGap = 0;
            for (int i = 1; i < progressAt.size(); i++) {
                longestGap = Math.max(longestGap, progressAt.get(i) - progressAt.get(i - 1));
            }
            // the sixth part found the budget dry: every part waited out an 8 s flood wait, active, no progress
            assertThat(Duration.ofNanos(longestGap)).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
            assertThat(watch.updates).filteredOn(f -> !f.local().isDownloadingActive()).hasSize(1);
            assertThat(s.sim.stats().floodWaitsIssued()).isPositive();
            assertThat(s.sim.stats().tooManyRequests()).isZero();
        }
    }

    @Test
    void partWaitsPastSixtySeconds_stopTheDownloadWithoutAReason_keepingItsParts() throws Exception {
        Scenario harsh = scenario("""
                time_scale: max
                limits:
                  bandwidth: 10MB
                  latency: 50ms
                  parts: {rate: 0.01, burst: 4}
                  flood: {base: 40s, factor: 2, max: 1h, window: 1h}
                channels:
                  - {username: one, id: 2000000010, messages: 4, text_share: 0, deleted_share: 0, album_share: 0,
                     media: {document: 1}, sizes: {median: 1MB, sigma: 0, min: 1MB, max: 1MB}}
                """);
        try (SimSession s = SimSession.open(harsh, time.clock(), dir)) {
            long chat = s.call(new TdFunctions.SearchPublicChat("one")).id();
            TdApi.File file = files(s, chat, 1).getFirst();
            Watch watch = new Watch(s, file.id());
            s.call(new TdFunctions.DownloadFile(file.id(), 1, 0, 0, false));
            TdApi.File stopped = time.clock().await(watch.ended, Duration.ofMinutes(10));

            assertThat(stopped.local().isDownloadingActive()).isFalse();
            assertThat(stopped.local().isDownloadingCompleted()).isFalse();
            // the burst, and what the budget holds again when the 40 s wait is over; then the next
            // wait (80 s) would pass 60 s in sum for the parts still waiting: TDLib gives up
            assertThat(stopped.local().downloadedSize()).isPositive().isLessThan(file.size())
                    .satisfies(n -> assertThat(n % 65536).isZero());
            assertThat(stopped.local().path()).isNotEmpty();
            assertThat(time.clock().nanos()).isGreaterThan(Duration.ofSeconds(40).toNanos());
            assertThat(s.sim.stats().tooManyRequests()).isPositive();
        }
    }

    @Test
    void historyWaitsAreSummedPerRequest_theOneThatPassesSixtySecondsIs429() throws Exception {
        Scenario tight = scenario("""
                time_scale: max
                limits:
                  latency: 100ms
                  history: {rate: 0.001, burst: 1}
                  flood: {base: 25s, factor: 1, max: 25s, window: 1h}
                channels:
                  - {username: tight, id: 2000000002, messages: 500, text_share: 1}
                """);
        try (SimSession s = SimSession.open(tight, time.clock(), dir)) {
            long chat = s.call(new TdFunctions.SearchPublicChat("tight")).id();
            var filter = new TdFunctions.TypeOnly("searchMessagesFilterEmpty");
            s.call(new TdFunctions.SearchChatMessages(chat, "", 0, 0, 10, filter)); // the burst
            long start = time.clock().nanos();
            // three at once: each 25 s episode lets one through, so the third would wait 75 s in all
            List<CompletableFuture<TdApi.FoundChatMessages>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(s.client.send(new TdFunctions.SearchChatMessages(chat, "", 0, 0, 10, filter)));
            }
            List<Long> doneAfter = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                time.clock().await(calls.get(i), Duration.ofMinutes(5));
                doneAfter.add(time.clock().since(start).toSeconds());
            }
            assertThatThrownBy(() -> time.clock().await(calls.get(2), Duration.ofMinutes(5))).cause()
                    .isInstanceOfSatisfying(TdException.class, e -> {
                        assertThat(e.code()).isEqualTo(429);
                        // X is the wait that would have passed 60 s, not the total
                        assertThat(e.tdMessage()).isEqualTo("Too Many Requests: retry after 25");
                    });
            assertThat(doneAfter).containsExactly(25L, 50L);
            assertThat(s.sim.stats().floodWaitsAbsorbed()).isEqualTo(1 + 2 + 2);
            assertThat(s.sim.stats().tooManyRequests()).isEqualTo(1);
        }
    }

    @Test
    void speedLimit_slowsAnAccountWithoutPremium_andIsToldOnce_neverToPremium() throws Exception {
        String yaml = """
                time_scale: max
                account: {premium: %s}
                limits:
                  bandwidth: 8MB
                  latency: 50ms
                  speed_limit: {after: 2MB, window: 10m, share: 0.5, wait_min: 3s, wait_max: 6s}
                channels:
                  - {username: heavy, id: 2000000013, messages: 20, text_share: 0, deleted_share: 0, album_share: 0,
                     media: {document: 1}, sizes: {median: 1MB, sigma: 0, min: 1MB, max: 1MB}}
                """;
        for (boolean premium : List.of(false, true)) {
            Path home = dir.resolve("premium-" + premium);
            Files.createDirectories(home);
            Path file = home.resolve("scenario.yaml");
            Files.writeString(file, yaml.formatted(premium));
            try (SimSession s = SimSession.open(Scenario.load(file), time.clock(), home)) {
                List<TdApi.Update> notices = new CopyOnWriteArrayList<>();
                s.client.addUpdateListener(u -> {
                    if (u instanceof TdApi.UpdateSpeedLimitNotification) {
                        notices.add(u);
                    }
                });
                long chat = s.call(new TdFunctions.SearchPublicChat("heavy")).id();
                List<Watch> watches = new ArrayList<>();
                for (TdApi.File f : files(s, chat, 10)) {
                    Watch w = new Watch(s, f.id());
                    watches.add(w);
                    s.call(new TdFunctions.DownloadFile(f.id(), 1, 0, 0, false));
                }
                for (Watch w : watches) {
                    assertThat(time.clock().await(w.ended, Duration.ofMinutes(30)).local().isDownloadingCompleted()).isTrue();
                }
                if (premium) {
                    assertThat(notices).isEmpty();
                    assertThat(s.sim.stats().premiumWaits()).isZero();
                } else {
                    assertThat(notices).containsExactly(new TdApi.UpdateSpeedLimitNotification(false));
                    assertThat(s.sim.stats().premiumWaits()).isPositive();
                }
            }
        }
    }

    @Test
    void unknownFileAndBadPriority_answerTdlibsTexts() throws Exception {
        try (SimSession s = SimSession.open(scenario(ONE_BIG_DOCUMENT), time.clock(), dir)) {
            long chat = s.call(new TdFunctions.SearchPublicChat("one")).id();
            TdApi.File file = files(s, chat, 1).getFirst();
            assertError(() -> s.call(new TdFunctions.DownloadFile(file.id(), 33, 0, 0, false)), 400,
                    "Priority must be between 1 and 32");
            assertError(() -> s.call(new TdFunctions.DownloadFile(7, 1, 0, 0, false)), 400, "File not found");
            assertError(() -> s.call(new TdFunctions.GetFile(7)), 404, "Not Found");
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void assertError(Call call, int code, String message) {
        try {
            call.run();
            throw new AssertionError("expected " + code + " " + message);
        } catch (TdException e) {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.tdMessage()).isEqualTo(message);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
