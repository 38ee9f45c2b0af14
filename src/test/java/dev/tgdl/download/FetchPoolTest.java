package dev.tgdl.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgdl.pacing.FloodGate;
import dev.tgdl.pacing.RunControl;
import dev.tgdl.pacing.StopReason;
import dev.tgdl.telegram.Chat;
import dev.tgdl.telegram.Download;
import dev.tgdl.telegram.MediaItem;
import dev.tgdl.telegram.MediaType;
import dev.tgdl.telegram.RemoteFile;
import dev.tgdl.telegram.TelegramException;
import dev.tgdl.time.VirtualClock;
import dev.tgdl.time.VirtualTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fetch pool on virtual time, with a fake fetcher: each file "downloads" for its duration on the
 * clock (a fake TDLib download that only a cancel completes), so the test sees which files were
 * requested when, how many at once, and what was cancelled, shed or interrupted.
 */
class FetchPoolTest {

    private static final long MB = 1_000_000;
    private static final Chat CHAT = new Chat(-1001, "chat", Optional.empty());

    @RegisterExtension
    final VirtualTime time = new VirtualTime();

    private VirtualClock clock;
    private RunControl control;
    private final TestPolicy policy = new TestPolicy();
    private final ScriptedFetcher fetcher = new ScriptedFetcher();
    private final List<Long> leftOver = new CopyOnWriteArrayList<>();
    private Supplier<Duration> holdOff = () -> Duration.ZERO;

    @BeforeEach
    void setUp() {
        clock = time.clock();
        control = RunControl.unlimited(clock);
    }

    // ------------------------------------------------------------------ fakes

    /** A policy the test sets: files, bytes and large files in flight; pace calls recorded. */
    static final class TestPolicy implements DownloadPolicy {
        volatile int maxFiles = 2;
        volatile long maxBytes = Long.MAX_VALUE;
        volatile int maxLarge = Integer.MAX_VALUE;
        volatile Duration paceEach = Duration.ZERO;
        VirtualClock clock;
        final List<Integer> paced = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "test";
        }

        @Override
        public int maxFiles() {
            return maxFiles;
        }

        @Override
        public long maxBytesInFlight() {
            return maxBytes;
        }

        @Override
        public int maxLargeFiles() {
            return maxLarge;
        }

        @Override
        public void pace(int parts) throws InterruptedException {
            paced.add(parts);
            if (!paceEach.isZero()) {
                clock.sleep(paceEach);
            }
        }

        @Override
        public void onDownloaded(Duration took) {
        }

        @Override
        public void onFlood(Duration wait) {
        }

        @Override
        public PolicyState state() {
            return new PolicyState(maxFiles, Duration.ZERO, 0, 0, 0, 0, maxFiles, maxFiles, Duration.ZERO);
        }
    }

    /** TDLib's download as the pool sees it: only a cancel ends it (the fetcher times the download). */
    static final class FakeDownload implements Download {
        final long id;
        final CompletableFuture<Path> completion = new CompletableFuture<>();
        final List<Integer> priorities = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;

        FakeDownload(long id) {
            this.id = id;
        }

        @Override
        public CompletableFuture<Path> completion() {
            return completion;
        }

        @Override
        public void cancel() {
            cancelled = true;
            completion.completeExceptionally(new TelegramException(TelegramException.Kind.TRANSIENT, "cancelled"));
        }

        @Override
        public void setPriority(int priority) {
            priorities.add(priority);
        }
    }

    enum Kind { START, DONE, CANCELLED, INTERRUPTED }

    /**
     * What a fetch did, when (simulated seconds), at which priority, with how many others in flight;
     * {@code order} is the pool's count of requests (fetch threads started at one instant run in any order).
     */
    record Event(Kind kind, long id, double at, long order, int priority, int others) {
        String when() {
            return id + "@" + (at == Math.rint(at) ? String.valueOf((long) at) : String.valueOf(at));
        }
    }

    /** Progress a download reports {@code at} after it was requested. */
    record Step(Duration at, long downloaded) {
    }

    /** Downloads each file for its duration (10 s unless told), reporting the progress it is told to. */
    final class ScriptedFetcher implements FetchPool.Fetcher {
        final Map<Long, Duration> durations = new HashMap<>();
        final Map<Long, List<Step>> steps = new HashMap<>();
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<FakeDownload> downloads = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger returned = new AtomicInteger();
        volatile LongConsumer onDone = id -> { };
        volatile Duration windDown = Duration.ZERO;

        @Override
        public boolean fetch(FetchPool.Slot slot, FetchPool pool) {
            long id = slot.work.item().messageId();
            int priority = pool.priority(slot);
            FakeDownload download = new FakeDownload(id);
            downloads.add(download);
            events.add(new Event(Kind.START, id, seconds(), slot.order, priority, inFlight.getAndIncrement()));
            pool.attach(slot, download, priority);
            long start = clock.nanos();
            try {
                for (Step s : steps.getOrDefault(id, List.of())) {
                    try {
                        clock.await(download.completion(), Duration.ofNanos(start + s.at().toNanos() - clock.nanos()));
                    } catch (TimeoutException e) {
                        pool.progress(slot, s.downloaded());
                    }
                }
                Duration d = durations.getOrDefault(id, Duration.ofSeconds(10));
                clock.await(download.completion(), Duration.ofNanos(start + d.toNanos() - clock.nanos()));
                throw new AssertionError("a fake download completes only by a cancel");
            } catch (TimeoutException e) {
                events.add(new Event(Kind.DONE, id, seconds(), slot.order, priority, 0));
                onDone.accept(id);
                return false;
            } catch (ExecutionException e) {
                events.add(new Event(Kind.CANCELLED, id, seconds(), slot.order, priority, 0));
                return pool.takeShed(slot);
            } catch (InterruptedException e) {
                events.add(new Event(Kind.INTERRUPTED, id, seconds(), slot.order, priority, 0));
                try {
                    clock.sleep(windDown); // cancelling and clean-up take a while
                } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                }
                return false;
            } finally {
                pool.attach(slot, null, 0);
                inFlight.decrementAndGet();
                returned.incrementAndGet();
            }
        }

        /** The events of a kind in the order of the requests they belong to. */
        List<Event> sorted(Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).sorted(Comparator.comparingLong(Event::order)).toList();
        }

        List<String> of(Kind kind) {
            return sorted(kind).stream().map(Event::when).toList();
        }

        List<Long> idsOf(Kind kind) {
            return sorted(kind).stream().map(Event::id).toList();
        }

        int mostAtOnce() {
            return events.stream().filter(e -> e.kind() == Kind.START).mapToInt(e -> e.others() + 1).max().orElse(0);
        }

        Map<Long, Integer> priorities() {
            Map<Long, Integer> p = new HashMap<>();
            events.stream().filter(e -> e.kind() == Kind.START).forEach(e -> p.put(e.id(), e.priority()));
            return p;
        }
    }

    // ------------------------------------------------------------------ helpers

    private double seconds() {
        return clock.nanos() / 1e9;
    }

    private static Work work(long id, long size) {
        MediaItem item = new MediaItem(CHAT, id, Instant.EPOCH, 0, MediaType.DOCUMENT, Optional.empty(), "",
                new RemoteFile((int) id, "u" + id, size));
        return new Work(item, null, null);
    }

    private FetchPool pool() {
        policy.clock = clock;
        return new FetchPool(clock, policy, control, fetcher, holdOff);
    }

    /** Puts files 1..n of 1 MB, then says no more will come. */
    private static void putAll(FetchPool pool, int n) throws InterruptedException {
        for (long id = 1; id <= n; id++) {
            pool.put(work(id, MB));
        }
        pool.finish();
    }

    private void run(FetchPool pool) throws InterruptedException {
        pool.run(w -> leftOver.add(w.item().messageId()));
    }

    /** Runs {@code action} on its own thread of the clock, {@code delay} from now. */
    private CompletableFuture<Void> after(Duration delay, Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        clock.startThread("test-after", true, () -> {
            try {
                clock.sleep(delay);
                action.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    // ------------------------------------------------------------------ files in flight

    @Test
    void neverMoreFilesInFlightThanThePolicyAllows_eachRequestedInTurnAsAPlaceFrees() throws Exception {
        policy.maxFiles = 3;
        FetchPool pool = pool();
        putAll(pool, 10);
        run(pool);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@0", "2@0", "3@0", "4@10", "5@10", "6@10", "7@20", "8@20",
                "9@20", "10@30");
        assertThat(fetcher.mostAtOnce()).isEqualTo(3);
        assertThat(fetcher.idsOf(Kind.DONE)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(seconds()).isEqualTo(40);
        assertThat(leftOver).isEmpty();
    }

    @Test
    void whenThePolicyAllowsMoreFilesMidRun_morePlacesOpen() throws Exception {
        policy.maxFiles = 1;
        fetcher.onDone = id -> policy.maxFiles = 3; // a success lets the policy grow, as a policy's onDownloaded may
        FetchPool pool = pool();
        putAll(pool, 7);
        run(pool);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@0", "2@10", "3@10", "4@10", "5@20", "6@20", "7@20");
        assertThat(fetcher.mostAtOnce()).isEqualTo(3);
    }

    @Test
    void whenThePolicyAllowsFewerFilesMidRun_noFileIsCancelled_butNoneIsRequestedUntilFewerAreInFlight() throws Exception {
        policy.maxFiles = 4;
        fetcher.durations.put(1L, Duration.ofSeconds(5));
        for (long id = 2; id <= 8; id++) {
            fetcher.durations.put(id, Duration.ofSeconds(20));
        }
        fetcher.onDone = id -> {
            if (id == 1) {
                policy.maxFiles = 2;
            }
        };
        FetchPool pool = pool();
        putAll(pool, 8);
        run(pool);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@0", "2@0", "3@0", "4@0", "5@20", "6@20", "7@40", "8@40");
        assertThat(fetcher.events).filteredOn(e -> e.kind() == Kind.START && e.at() >= 5)
                .allSatisfy(e -> assertThat(e.others()).isLessThan(2));
        assertThat(fetcher.of(Kind.CANCELLED)).isEmpty();
        assertThat(fetcher.downloads).noneMatch(d -> d.cancelled);
    }

    @Test
    void whenThePolicyAllowsMoreWhileNothingHappens_theNextFileIsRequestedAtOnceItSaysSo() throws Exception {
        policy.maxFiles = 1;
        fetcher.durations.put(1L, Duration.ofSeconds(60));
        FetchPool pool = pool();
        putAll(pool, 2);
        after(Duration.ofSeconds(10), () -> {
            policy.maxFiles = 2;
            pool.policyChanged();
        });
        run(pool);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@0", "2@10");
    }

    @Test
    void bytesStillToComeBoundNewRequests_andProgressFreesRoom() throws Exception {
        policy.maxFiles = 8;
        policy.maxBytes = 10 * MB;
        fetcher.steps.put(1L, List.of(new Step(Duration.ofSeconds(5), 3 * MB)));
        fetcher.durations.put(1L, Duration.ofSeconds(30));
        fetcher.durations.put(2L, Duration.ofSeconds(30));
        FetchPool pool = pool();
        for (long id = 1; id <= 3; id++) {
            pool.put(work(id, 6 * MB));
        }
        pool.finish();
        run(pool);
        // 6 MB to come is under 10 MB: the second goes too; 12 MB is not; 3 + 6 MB is again
        assertThat(fetcher.of(Kind.START)).containsExactly("1@0", "2@0", "3@5");
    }

    @Test
    void aFileLargerThanTheBytesAllowed_isStillRequestedWhenNothingIsInFlight() throws Exception {
        policy.maxBytes = MB;
        FetchPool pool = pool();
        pool.put(work(1, 50 * MB));
        pool.put(work(2, 50 * MB));
        pool.finish();
        run(pool);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@0", "2@10");
    }

    @Test
    void largeFilesBeyondThePolicysShare_waitWhileSmallerOnesPassThem() throws Exception {
        policy.maxFiles = 4;
        policy.maxLarge = 1;
        FetchPool pool = pool();
        pool.put(work(1, 30 * MB));
        pool.put(work(2, 30 * MB));
        pool.put(work(3, MB));
        pool.put(work(4, 20 * MB)); // 20 MB is not over 20 MB: not large
        pool.finish();
        run(pool);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@0", "3@0", "4@0", "2@10");
    }

    @Test
    void eachFileIsPacedByItsParts_beforeItIsRequested() throws Exception {
        policy.maxFiles = 8;
        policy.paceEach = Duration.ofSeconds(2);
        FetchPool pool = pool();
        pool.put(work(1, 0));
        pool.put(work(2, 64 << 10));
        pool.put(work(3, MB));
        pool.put(work(4, 300 * MB));
        pool.finish();
        run(pool);
        assertThat(policy.paced).containsExactly(1, 1, 16, 2289);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@2", "2@4", "3@6", "4@8");
    }

    @Test
    void parts_areTdlibsSixtyFourKibDoubledPastFourThousand_atMostHalfAMib() {
        assertThat(FetchPool.parts(0)).isEqualTo(1);
        assertThat(FetchPool.parts(1)).isEqualTo(1);
        assertThat(FetchPool.parts(64 << 10)).isEqualTo(1);
        assertThat(FetchPool.parts((64 << 10) + 1)).isEqualTo(2);
        assertThat(FetchPool.parts(4000L * (64 << 10))).isEqualTo(4000);
        assertThat(FetchPool.parts(4001L * (64 << 10))).isEqualTo(2001);
        assertThat(FetchPool.parts(4000L * (512 << 10))).isEqualTo(4000);
        assertThat(FetchPool.parts(8000L * (512 << 10))).isEqualTo(8000);
    }

    // ------------------------------------------------------------------ priorities

    @Test
    void eachNewFileIsRequestedBelowEveryFileInFlight_theOldestHighest() throws Exception {
        policy.maxFiles = 2;
        fetcher.durations.put(2L, Duration.ofSeconds(100));
        FetchPool pool = pool();
        putAll(pool, 4);
        run(pool);
        assertThat(fetcher.priorities()).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 32, 2L, 31, 3L, 30, 4L, 30));
    }

    @Test
    void whenThePriorityLevelsRunOut_theFilesInFlightAreRenumberedOldestHighest() throws Exception {
        policy.maxFiles = 2;
        fetcher.durations.put(1L, Duration.ofSeconds(5)); // each file then ends before the one after it
        FetchPool pool = pool();
        putAll(pool, 33);
        run(pool);
        Map<Long, Integer> p = fetcher.priorities();
        for (long id = 1; id <= 32; id++) {
            assertThat(p.get(id)).as("file %d", id).isEqualTo((int) (33 - id));
        }
        assertThat(p.get(33L)).isEqualTo(31);
        FakeDownload renumbered = fetcher.downloads.stream().filter(d -> d.id == 32).findFirst().orElseThrow();
        assertThat(renumbered.priorities).containsExactly(32);
    }

    // ------------------------------------------------------------------ shedding and the hold-off gate

    @Test
    void shed_cancelsEveryDownloadInFlight_andPutsTheirFilesBackFirstInLine() throws Exception {
        policy.maxFiles = 2;
        FetchPool pool = pool();
        putAll(pool, 5);
        after(Duration.ofSeconds(5), pool::shed);
        run(pool);
        assertThat(fetcher.of(Kind.CANCELLED)).containsExactlyInAnyOrder("1@5", "2@5");
        assertThat(fetcher.downloads.subList(0, 2)).allMatch(d -> d.cancelled);
        List<String> starts = fetcher.of(Kind.START);
        assertThat(starts).hasSize(7);
        assertThat(starts.subList(0, 2)).containsExactly("1@0", "2@0");
        assertThat(starts.subList(2, 4)).containsExactlyInAnyOrder("1@5", "2@5");
        assertThat(starts.subList(4, 7)).containsExactly("3@15", "4@15", "5@25");
        assertThat(fetcher.idsOf(Kind.DONE)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(leftOver).isEmpty();
    }

    @Test
    void shedFiles_areRequestedAgainWhenTheHoldOffEnds() throws Exception {
        policy.maxFiles = 2;
        FloodGate gate = new FloodGate(clock);
        holdOff = gate::remaining;
        FetchPool pool = pool();
        putAll(pool, 3);
        after(Duration.ofSeconds(5), () -> {
            gate.close(Duration.ofSeconds(20)); // what the engine does when a pause shows a flood wait
            pool.shed();
        });
        run(pool);
        List<String> starts = fetcher.of(Kind.START);
        assertThat(starts.subList(2, 4)).containsExactlyInAnyOrder("1@25", "2@25");
        assertThat(starts.subList(4, 5)).containsExactly("3@35");
    }

    @Test
    void theHoldOff_keepsEveryNewRequestBack_untilItIsOver() throws Exception {
        policy.maxFiles = 3;
        FloodGate gate = new FloodGate(clock);
        gate.close(Duration.ofSeconds(30));
        holdOff = gate::remaining;
        FetchPool pool = pool();
        putAll(pool, 3);
        run(pool);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@30", "2@30", "3@30");
    }

    @Test
    void aHoldOffMidRun_delaysTheNextRequest_butLeavesTheDownloadsInFlight() throws Exception {
        policy.maxFiles = 1;
        for (long id = 1; id <= 3; id++) {
            fetcher.durations.put(id, Duration.ofSeconds(15));
        }
        FloodGate gate = new FloodGate(clock);
        holdOff = gate::remaining;
        FetchPool pool = pool();
        putAll(pool, 3);
        after(Duration.ofSeconds(10), () -> gate.close(Duration.ofSeconds(20)));
        run(pool);
        assertThat(fetcher.of(Kind.DONE)).containsExactly("1@15", "2@45", "3@60");
        assertThat(fetcher.of(Kind.START)).containsExactly("1@0", "2@30", "3@45");
    }

    // ------------------------------------------------------------------ the scope: no task outlives the pool

    @Test
    void theRunReturns_onlyOnceEveryFetchHasEnded() throws Exception {
        policy.maxFiles = 4;
        long[] seconds = {3, 70, 12, 45, 8, 30};
        for (int i = 0; i < seconds.length; i++) {
            fetcher.durations.put(i + 1L, Duration.ofSeconds(seconds[i]));
        }
        FetchPool pool = pool();
        putAll(pool, seconds.length);
        run(pool);
        assertThat(fetcher.returned).hasValue(seconds.length);
        assertThat(fetcher.inFlight).hasValue(0);
        assertThat(seconds()).isEqualTo(70);
    }

    @Test
    void aPoolGivenNothing_endsAtOnce() throws Exception {
        FetchPool pool = pool();
        pool.finish();
        run(pool);
        assertThat(fetcher.events).isEmpty();
        assertThat(clock.nanos()).isZero();
    }

    @Test
    void theRunGoesOnUntilNoMoreFilesWillCome() throws Exception {
        policy.maxFiles = 2;
        FetchPool pool = pool();
        pool.put(work(1, MB));
        after(Duration.ofSeconds(50), () -> {
            try {
                pool.put(work(2, MB));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            pool.finish();
        });
        run(pool);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@0", "2@50");
        assertThat(seconds()).isEqualTo(60);
    }

    @Test
    void put_waitsWhileSixtyFourFilesWait() throws Exception {
        FetchPool pool = pool();
        AtomicInteger put = new AtomicInteger();
        CompletableFuture<Void> scanned = after(Duration.ZERO, () -> {
            try {
                for (long id = 1; id <= 70; id++) {
                    pool.put(work(id, MB));
                    put.incrementAndGet();
                }
                pool.finish();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        clock.sleep(Duration.ofSeconds(10));
        assertThat(put).hasValue(FetchPool.PENDING);
        run(pool);
        clock.await(scanned);
        assertThat(put).hasValue(70);
        assertThat(fetcher.idsOf(Kind.DONE)).hasSize(70);
    }

    @Test
    void stoppingTheRun_interruptsEveryFetch_waitsForAllOfThem_andHandsBackTheFilesNotRequested() throws Exception {
        policy.maxFiles = 3;
        for (long id = 1; id <= 6; id++) {
            fetcher.durations.put(id, Duration.ofHours(1));
        }
        fetcher.windDown = Duration.ofSeconds(2);
        Thread runner = Thread.currentThread();
        control.onStop(() -> clock.interrupt(runner)); // as the engine does
        FetchPool pool = pool();
        putAll(pool, 6);
        after(Duration.ofSeconds(10), () -> control.stop(StopReason.INTERRUPTED, "test"));
        run(pool);
        assertThat(fetcher.of(Kind.INTERRUPTED)).containsExactlyInAnyOrder("1@10", "2@10", "3@10");
        assertThat(fetcher.returned).hasValue(3);
        assertThat(seconds()).as("every fetch wound down first").isEqualTo(12);
        assertThat(leftOver).containsExactly(4L, 5L, 6L);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void anInterruptWithoutAStop_reachesEveryFetch_andTheRunThrowsOnceAllHaveEnded() throws Exception {
        policy.maxFiles = 2;
        for (long id = 1; id <= 4; id++) {
            fetcher.durations.put(id, Duration.ofHours(1));
        }
        fetcher.windDown = Duration.ofSeconds(1);
        Thread runner = Thread.currentThread();
        FetchPool pool = pool();
        putAll(pool, 4);
        after(Duration.ofSeconds(10), () -> clock.interrupt(runner));
        assertThatThrownBy(() -> run(pool)).isInstanceOf(InterruptedException.class);
        assertThat(fetcher.of(Kind.INTERRUPTED)).containsExactlyInAnyOrder("1@10", "2@10");
        assertThat(fetcher.returned).hasValue(2);
        assertThat(seconds()).isEqualTo(11);
        assertThat(leftOver).containsExactly(3L, 4L);
    }

    @Test
    void aStopWhileAFileIsPaced_putsItBackUnrequested() throws Exception {
        policy.maxFiles = 4;
        policy.paceEach = Duration.ofSeconds(10);
        Thread runner = Thread.currentThread();
        control.onStop(() -> clock.interrupt(runner));
        FetchPool pool = pool();
        putAll(pool, 3);
        after(Duration.ofSeconds(15), () -> control.stop(StopReason.INTERRUPTED, "test"));
        run(pool);
        assertThat(fetcher.of(Kind.START)).containsExactly("1@10");
        assertThat(fetcher.of(Kind.INTERRUPTED)).containsExactly("1@15");
        assertThat(leftOver).containsExactly(2L, 3L);
    }

    @Test
    void aStopBeforeTheRun_requestsNothing_andHandsEverythingBack() throws Exception {
        control.stop(StopReason.MAX_DURATION, "test");
        FetchPool pool = pool();
        putAll(pool, 3);
        run(pool);
        assertThat(fetcher.events).isEmpty();
        List<Long> back = new ArrayList<>(leftOver);
        Collections.sort(back);
        assertThat(back).containsExactly(1L, 2L, 3L);
    }
}
