package dev.tgdl.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tgdl.time.ManualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Pauses, queued downloads and stalls, told apart on a board the test feeds, on a clock it drives. */
class ProgressBoardTest {

    private static final long MB = 1_000_000;
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final ManualTimeSource clock = new ManualTimeSource();
    private final AtomicBoolean connected = new AtomicBoolean(true);
    private final List<String> heard = new ArrayList<>();
    private final ProgressBoard board = new ProgressBoard(clock, connected::get, STALL_TIMEOUT, new ProgressBoard.PauseListener() {
        @Override
        public void started(Duration silence, boolean moving) {
            heard.add("started " + silence + (moving ? " moving" : " unmoved"));
        }

        @Override
        public void ended(Duration length) {
            heard.add("ended " + length);
        }
    });

    /** Moves the clock to {@code seconds} after the start. */
    private void at(double seconds) {
        long target = (long) (seconds * 1e9);
        assertThat(target).isGreaterThanOrEqualTo(clock.nanos());
        clock.advance(Duration.ofNanos(target - clock.nanos()));
    }

    /** Two downloads in flight at 0 s that both moved at 0.5 s. */
    private ProgressBoard.Entry[] twoMoving() {
        ProgressBoard.Entry a = board.open(10 * MB);
        ProgressBoard.Entry b = board.open(10 * MB);
        at(0.5);
        a.progress(64 << 10);
        b.progress(64 << 10);
        return new ProgressBoard.Entry[] {a, b};
    }

    /** {@code moving} gets a byte more every second from {@code from} to {@code to} (inclusive). */
    private void movesEverySecond(ProgressBoard.Entry moving, long[] bytes, int from, int to) {
        for (int s = from; s <= to; s++) {
            at(s);
            bytes[0] += 64 << 10;
            moving.progress(bytes[0]);
        }
    }

    // ------------------------------------------------------------------ pauses

    @Test
    void nothingMovingForThreeSeconds_connected_withDownloadsInFlight_isAPause() {
        twoMoving();
        at(3.49);
        board.check();
        assertThat(heard).isEmpty();
        at(3.5);
        board.check();
        assertThat(heard).containsExactly("started PT3S moving");
        assertThat(board.paused()).isTrue();
    }

    @Test
    void aPause_isHeardOnce() {
        twoMoving();
        for (int s = 4; s < 60; s++) {
            at(s);
            board.check();
        }
        assertThat(heard).containsExactly("started PT3.5S moving");
    }

    @Test
    void whenDownloadsMoveAgain_theEndOfThePauseIsHeard_withItsWholeLength() {
        ProgressBoard.Entry[] e = twoMoving();
        at(3.5);
        board.check();
        at(10.5);
        e[1].progress(128 << 10);
        assertThat(heard).containsExactly("started PT3S moving", "ended PT10S");
        assertThat(board.paused()).isFalse();
    }

    @Test
    void downloadsThatNeverMoved_pauseWithoutHavingMoved() {
        board.open(10 * MB);
        board.open(10 * MB);
        at(3);
        board.check();
        assertThat(heard).containsExactly("started PT3S unmoved");
    }

    @Test
    void aPauseAfterTheDownloadsThatMovedHaveEnded_withSeveralRequestsSilent_isAWait() {
        // a wait begins: files whose last parts were in flight finish in it, the requests after them get nothing
        ProgressBoard.Entry finishing = board.open(MB);
        ProgressBoard.Entry second = board.open(MB);
        ProgressBoard.Entry third = board.open(MB);
        at(1);
        finishing.progress(MB);
        finishing.close();
        at(4);
        board.check();
        assertThat(heard).containsExactly("started PT3S moving");
        assertThat(second.stalled()).isEmpty();
        assertThat(third.stalled()).isEmpty();
    }

    @Test
    void oneRequestAlone_thatNeverMoved_afterOthersEnded_isNoWait() {
        ProgressBoard.Entry finished = board.open(MB);
        board.open(MB);
        at(1);
        finished.progress(MB);
        finished.close();
        at(4);
        board.check();
        assertThat(heard).containsExactly("started PT3S unmoved");
    }

    @Test
    void anIdleBoard_isNoPause_andTheSilenceCountsFromTheFirstRequest() {
        at(60);
        board.check();
        assertThat(heard).isEmpty();
        board.open(10 * MB);
        at(62);
        board.check();
        assertThat(heard).isEmpty();
        at(63);
        board.check();
        assertThat(heard).containsExactly("started PT3S unmoved");
    }

    @Test
    void whileDisconnected_noPauseIsNoticed_andTheOutageCountsForNoSilence() {
        twoMoving();
        connected.set(false);
        for (int s = 1; s <= 60; s++) {
            at(s);
            board.check();
        }
        assertThat(heard).isEmpty();
        assertThat(board.paused()).isFalse();
        connected.set(true);
        at(62);
        board.check();
        assertThat(heard).isEmpty();
        at(63);
        board.check();
        assertThat(heard).containsExactly("started PT3S moving");
    }

    @Test
    void anOutage_endsAPauseWithoutItsEndBeingHeard_forAnOutageIsNotAFloodWait() {
        ProgressBoard.Entry[] e = twoMoving();
        at(3.5);
        board.check();
        connected.set(false);
        at(5);
        board.check();
        connected.set(true);
        at(6);
        e[0].progress(128 << 10);
        assertThat(heard).containsExactly("started PT3S moving");
    }

    @Test
    void aPauseAfterAnOutage_withNothingMovedSinceTheLastPause_hasNotMoved() {
        twoMoving();
        at(3.5);
        board.check();
        connected.set(false);
        at(4);
        board.check();
        connected.set(true);
        at(7);
        board.check();
        assertThat(heard).containsExactly("started PT3S moving", "started PT3S unmoved");
    }

    @Test
    void onASlowLink_aPauseTakesEightTimesTheUsualGapBetweenProgress() {
        ProgressBoard.Entry a = board.open(100 * MB);
        ProgressBoard.Entry b = board.open(100 * MB);
        for (int s = 1; s <= 300; s++) {
            at(s);
            (s % 2 == 0 ? a : b).progress(s * 64L << 10);
        }
        assertThat(board.pauseAfter().toNanos() / 1e9).isCloseTo(8.0, within(0.01));
        at(307);
        board.check();
        assertThat(heard).isEmpty();
        at(308);
        board.check();
        assertThat(heard).hasSize(1);
        assertThat(heard.getFirst()).startsWith("started PT8").endsWith("moving");
    }

    @Test
    void oneDownloadAlone_doesNotSetThePaceOfTheLink() {
        ProgressBoard.Entry a = board.open(100 * MB);
        for (int s = 1; s <= 300; s++) {
            at(s);
            a.progress(s * 64L << 10);
        }
        assertThat(board.pauseAfter()).isEqualTo(ProgressBoard.MIN_PAUSE);
    }

    // ------------------------------------------------------------------ queued downloads and stalls

    @Test
    void theHeadOfTheQueue_withoutAFirstByte_stallsAfterThreeSeconds_whileOthersMove() {
        ProgressBoard.Entry served = board.open(100 * MB);
        ProgressBoard.Entry head = board.open(10 * MB);
        long[] bytes = {0};
        movesEverySecond(served, bytes, 1, 2);
        at(2.99);
        assertThat(head.stalled()).isEmpty();
        movesEverySecond(served, bytes, 3, 3);
        assertThat(head.stalled()).hasValue("no first byte for 3 s, first in TDLib's queue");
        assertThat(heard).isEmpty();
    }

    @Test
    void theHeadOfTheQueue_isGivenFiveTimesTheUsualTimeToAFirstByte() {
        for (int i = 0; i < 100; i++) { // first bytes come 2 s after the request, as a rule
            ProgressBoard.Entry e = board.open(MB);
            clock.advance(Duration.ofSeconds(2));
            e.progress(1000);
            e.close();
        }
        long start = clock.nanos();
        ProgressBoard.Entry served = board.open(100 * MB);
        ProgressBoard.Entry head = board.open(10 * MB);
        long[] bytes = {0};
        for (int s = 1; s <= 9; s++) {
            clock.advance(Duration.ofNanos(start + Duration.ofSeconds(s).toNanos() - clock.nanos()));
            bytes[0] += 64 << 10;
            served.progress(bytes[0]);
            assertThat(head.stalled()).as("at %d s", s).isEmpty();
        }
        clock.advance(Duration.ofMillis(500));
        assertThat(head.stalled()).as("at 9.5 s").isEmpty();
        clock.advance(Duration.ofMillis(500));
        served.progress(bytes[0] + 1);
        assertThat(head.stalled()).hasValueSatisfying(why -> assertThat(why).endsWith("first in TDLib's queue"));
    }

    @Test
    void aDownloadAloneInFlight_withoutAFirstByte_stallsAsTheHead_thoughItLooksLikeAPause() {
        ProgressBoard.Entry alone = board.open(10 * MB);
        at(2.9);
        assertThat(alone.stalled()).isEmpty();
        at(3);
        assertThat(alone.stalled()).hasValue("no first byte for 3 s, first in TDLib's queue");
        assertThat(heard).containsExactly("started PT3S unmoved");
    }

    @Test
    void whilePaused_theHeadOfTheQueueDoesNotStall_butNinetySecondsWithoutAFirstByteIsAStall() {
        ProgressBoard.Entry head = board.open(10 * MB);
        board.open(10 * MB);
        for (int s = 3; s < 90; s++) {
            at(s);
            assertThat(head.stalled()).as("at %d s", s).isEmpty();
        }
        assertThat(heard).containsExactly("started PT3S unmoved");
        at(90);
        assertThat(head.stalled()).hasValue("no first byte for 90 s");
    }

    @Test
    void aQueuedDownload_behindAnOlderOneWithoutAFirstByte_isNoStall_whileOthersAreServed() {
        ProgressBoard.Entry served = board.open(100 * MB);
        board.open(10 * MB); // the head: TDLib has not reached it either
        ProgressBoard.Entry queued = board.open(10 * MB);
        long[] bytes = {0};
        for (int s = 1; s <= 600; s++) {
            movesEverySecond(served, bytes, s, s);
            assertThat(queued.stalled()).as("at %d s", s).isEmpty();
        }
    }

    @Test
    void noFirstByteForThirtySeconds_whileANewerDownloadWasServed_isAStall() {
        board.open(10 * MB); // the head
        ProgressBoard.Entry passedOver = board.open(10 * MB);
        ProgressBoard.Entry newer = board.open(100 * MB);
        long[] bytes = {0};
        movesEverySecond(newer, bytes, 1, 30);
        at(30.99);
        assertThat(passedOver.stalled()).isEmpty();
        at(31);
        assertThat(passedOver.stalled()).hasValue("no first byte for 30 s while newer downloads were served");
    }

    @Test
    void noProgressForTheStallTimeout_isAStall() {
        ProgressBoard.Entry e = board.open(10 * MB);
        at(1);
        e.progress(64 << 10);
        at(60.99);
        assertThat(e.stalled()).isEmpty();
        at(61);
        assertThat(e.stalled()).hasValue("no progress for 60 s");
    }

    @Test
    void noProgressForThirtySeconds_whileANewerDownloadMoves_isAStall() {
        ProgressBoard.Entry hung = board.open(10 * MB);
        ProgressBoard.Entry newer = board.open(100 * MB);
        at(1);
        hung.progress(64 << 10);
        long[] bytes = {0};
        movesEverySecond(newer, bytes, 1, 30);
        at(30.99);
        assertThat(hung.stalled()).isEmpty();
        movesEverySecond(newer, bytes, 31, 31);
        assertThat(hung.stalled()).hasValue("no progress for 30 s while newer downloads moved");
    }

    @Test
    void aStartedDownload_thatOnlyOlderDownloadsOutpace_isNoRelativeStall() {
        ProgressBoard.Entry older = board.open(100 * MB);
        ProgressBoard.Entry younger = board.open(10 * MB);
        at(1);
        younger.progress(64 << 10);
        long[] bytes = {0};
        movesEverySecond(older, bytes, 1, 40); // TDLib serves the older, higher-priority request first
        assertThat(younger.stalled()).isEmpty();
    }

    @Test
    void whileDisconnected_nothingStalls() {
        ProgressBoard.Entry started = board.open(10 * MB);
        ProgressBoard.Entry waiting = board.open(10 * MB);
        at(1);
        started.progress(64 << 10);
        at(600);
        connected.set(false);
        assertThat(started.stalled()).isEmpty();
        assertThat(waiting.stalled()).isEmpty();
    }

    @Test
    void timeWithTheConnectionDown_doesNotCountTowardsAStall() {
        ProgressBoard.Entry e = board.open(10 * MB);
        e.progress(64 << 10);
        connected.set(false);
        for (int s = 10; s <= 50; s++) {
            at(s);
            assertThat(e.stalled()).isEmpty();
        }
        connected.set(true);
        at(109.99);
        assertThat(e.stalled()).isEmpty();
        at(110);
        assertThat(e.stalled()).hasValue("no progress for 60 s");
    }

    // ------------------------------------------------------------------ what the fetch asks of the board

    @Test
    void silentFor_andMovedWithin_tellWhetherDownloadsMovedLately() {
        ProgressBoard.Entry[] e = twoMoving();
        at(5.5);
        assertThat(e[0].silentFor(Duration.ofSeconds(5))).isTrue();
        assertThat(e[0].silentFor(Duration.ofSeconds(6))).isFalse();
        assertThat(board.movedWithin(Duration.ofSeconds(6))).isTrue();
        assertThat(board.movedWithin(Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void progressThatDoesNotAddBytes_isNoProgress() {
        ProgressBoard.Entry[] e = twoMoving();
        at(3);
        e[0].progress(64 << 10); // the same bytes again
        e[1].progress(1);        // fewer: parts finish out of order
        at(3.5);
        board.check();
        assertThat(heard).containsExactly("started PT3S moving");
    }
}
