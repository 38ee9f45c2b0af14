package dev.tgdl.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The virtual clock: time moves only when every participant waits, straight to the next deadline. */
class VirtualClockTest {

    private final VirtualClock clock = TimeSource.virtual(VirtualTime.EPOCH, Double.POSITIVE_INFINITY);

    @AfterEach
    void close() {
        clock.close();
    }

    @Test
    void sleep_movesTimeExactlyToTheDeadline_andNowFollows() throws Exception {
        try (var _ = clock.participate()) {
            clock.sleep(Duration.ofHours(3));
            assertThat(clock.nanos()).isEqualTo(Duration.ofHours(3).toNanos());
            assertThat(clock.now()).isEqualTo(VirtualTime.EPOCH.plus(Duration.ofHours(3)));
        }
    }

    @Test
    void sleepers_wakeInDeadlineOrder_atTheirOwnInstants() throws Exception {
        List<String> woke = new CopyOnWriteArrayList<>();
        try (var _ = clock.participate()) {
            Thread a = clock.startThread("a", true, () -> sleepThen(Duration.ofSeconds(30), () -> woke.add("a@" + clock.nanos() / 1_000_000_000L)));
            Thread b = clock.startThread("b", true, () -> sleepThen(Duration.ofSeconds(10), () -> woke.add("b@" + clock.nanos() / 1_000_000_000L)));
            Thread c = clock.startThread("c", false, () -> sleepThen(Duration.ofSeconds(20), () -> woke.add("c@" + clock.nanos() / 1_000_000_000L)));
            clock.sleep(Duration.ofSeconds(40));
            a.join();
            b.join();
            c.join();
        }
        assertThat(woke).containsExactly("b@10", "c@20", "a@30");
    }

    @Test
    void timeDoesNotMove_whileAParticipantWorks() throws Exception {
        AtomicLong seenBySleeper = new AtomicLong(-1);
        try (var _ = clock.participate()) {
            Thread sleeper = clock.startThread("sleeper", true,
                    () -> sleepThen(Duration.ofSeconds(1), () -> seenBySleeper.set(clock.nanos())));
            // this thread is running (it takes part and does not wait on the clock): however long
            // it takes in real time, no simulated time passes and the sleeper cannot wake
            long busyUntil = System.nanoTime() + 50_000_000L;
            while (System.nanoTime() < busyUntil) {
                Thread.onSpinWait();
            }
            assertThat(clock.nanos()).isZero();
            assertThat(seenBySleeper.get()).isEqualTo(-1);
            clock.sleep(Duration.ofSeconds(2));
            sleeper.join();
        }
        assertThat(seenBySleeper.get()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void await_returnsTheValueAnotherParticipantCompletesAfterItsSleep() throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        try (var _ = clock.participate()) {
            clock.startThread("answerer", true, () -> sleepThen(Duration.ofMillis(150), () -> answer.complete("ok")));
            assertThat(clock.await(answer)).isEqualTo("ok");
            assertThat(clock.nanos()).isEqualTo(Duration.ofMillis(150).toNanos());
        }
    }

    @Test
    void awaitWithTimeout_givesUpAtTheDeadlineOfSimulatedTime() {
        CompletableFuture<String> never = new CompletableFuture<>();
        try (var _ = clock.participate()) {
            assertThatThrownBy(() -> clock.await(never, Duration.ofMinutes(5))).isInstanceOf(TimeoutException.class);
            assertThat(clock.nanos()).isEqualTo(Duration.ofMinutes(5).toNanos());
        }
    }

    @Test
    void monitor_handOffWakesTheWaiter_beforeTimeCanMove() throws Exception {
        Monitor monitor = clock.newMonitor();
        boolean[] ready = {false};
        long[] seenAt = {-1};
        try (var _ = clock.participate()) {
            Thread waiter = clock.startThread("waiter", true, () -> {
                monitor.lock();
                try {
                    while (!ready[0]) {
                        monitor.await();
                    }
                    seenAt[0] = clock.nanos();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    monitor.unlock();
                }
            });
            // a far timer that would be reached at once if the waiter's wake-up were not counted
            Thread far = clock.startThread("far", true, () -> sleepThen(Duration.ofDays(1), () -> { }));
            clock.sleep(Duration.ofSeconds(5));
            monitor.lock();
            try {
                ready[0] = true;
                monitor.signalAll();
            } finally {
                monitor.unlock();
            }
            waiter.join();
            clock.interrupt(far);
            far.join();
        }
        assertThat(seenAt[0]).isEqualTo(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void interrupt_endsASleepAtOnce_withoutMovingTime() throws Exception {
        AtomicLong interruptedAt = new AtomicLong(-1);
        try (var _ = clock.participate()) {
            Thread sleeper = clock.startThread("sleeper", true, () -> {
                try {
                    clock.sleep(Duration.ofHours(1));
                } catch (InterruptedException e) {
                    interruptedAt.set(clock.nanos());
                }
            });
            clock.sleep(Duration.ofSeconds(3));
            clock.interrupt(sleeper);
            sleeper.join();
        }
        assertThat(interruptedAt.get()).isEqualTo(Duration.ofSeconds(3).toNanos());
    }

    @Test
    void nonParticipant_neverHoldsTimeBack() throws Exception {
        // the test thread does not take part here: its sleep is reached straight away
        clock.sleep(Duration.ofMinutes(10));
        assertThat(clock.nanos()).isEqualTo(Duration.ofMinutes(10).toNanos());
    }

    @Test
    void pace_keepsTimeFromRunningAheadOfTheWallClock() throws Exception {
        long start = System.nanoTime();
        try (VirtualClock paced = TimeSource.virtual(VirtualTime.EPOCH, 1000); var _ = paced.participate()) {
            paced.sleep(Duration.ofSeconds(20));
            // 20 simulated seconds at 1000 per second are at least 20 ms of real time (a lower bound only)
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20_000_000L);
            assertThat(paced.nanos()).isEqualTo(Duration.ofSeconds(20).toNanos());
        }
    }

    @Test
    void nonPositivePace_isRejected() {
        assertThatThrownBy(() -> TimeSource.virtual(VirtualTime.EPOCH, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    private void sleepThen(Duration d, Runnable then) {
        try {
            clock.sleep(d);
            then.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
