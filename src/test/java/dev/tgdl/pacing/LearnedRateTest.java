package dev.tgdl.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tgdl.time.ManualTimeSource;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The learned rate's rules (see its javadoc), on a clock the test drives: the rate sent is made by
 * taking tokens at chosen instants; time moves only by the test's advances and the limiter's waits.
 */
class LearnedRateTest {

    private static final double EPS = 1e-9;

    private final ManualTimeSource clock = new ManualTimeSource();

    private LearnedRate fresh() {
        return new LearnedRate(clock, OptionalDouble.empty(), 1.0, 40);
    }

    private LearnedRate restored(double rate) {
        return new LearnedRate(clock, OptionalDouble.of(rate), 1.0, 40);
    }

    /** Sends one request every {@code gap} for {@code span}, ending {@code span} from now. */
    private void send(LearnedRate rate, Duration gap, Duration span) throws InterruptedException {
        long end = clock.nanos() + span.toNanos();
        while (clock.nanos() < end) {
            rate.acquire(1);
            clock.advance(gap);
        }
    }

    /** Sends 10 requests a second for 20 s (the window), then meets a wait: the rate sent was 10/s. */
    private LearnedRate afterAFirstWaitAtTenPerSecond() throws InterruptedException {
        LearnedRate rate = fresh();
        send(rate, Duration.ofMillis(100), Duration.ofSeconds(20));
        rate.onFlood(Duration.ofSeconds(10));
        return rate;
    }

    /** Takes tokens as fast as the limiter gives them until {@code until} (clock nanos): limiter-bound. */
    private static void sendFlatOut(LearnedRate rate, ManualTimeSource clock, long until) throws InterruptedException {
        while (clock.nanos() < until) {
            rate.acquire(1);
        }
    }

    private static long seconds(long s) {
        return Duration.ofSeconds(s).toNanos();
    }

    // ------------------------------------------------------------------ before any wait

    @Test
    void beforeAnyWait_nothingIsLearned_andRequestsAreNotHeldBack() throws InterruptedException {
        LearnedRate rate = fresh();
        rate.acquire(1000);
        assertThat(rate.learned()).isEmpty();
        assertThat(rate.rate()).isGreaterThanOrEqualTo(100_000);
        assertThat(clock.nanos()).isLessThan(Duration.ofMillis(1).toNanos());
        assertThat(rate.floods()).isZero();
    }

    // ------------------------------------------------------------------ back-off

    @Test
    void theFirstWait_backsOffToHalfTheRateSent_andLearnsIt() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond();
        assertThat(rate.rate()).isCloseTo(5.0, within(EPS));
        assertThat(rate.limiter().rate()).isCloseTo(5.0, within(EPS));
        assertThat(rate.learned()).hasValueCloseTo(5.0, within(EPS));
        assertThat(rate.floods()).isEqualTo(1);
    }

    @Test
    void theRateSent_isMeasuredOverTheLastTwentySecondsOnly() throws InterruptedException {
        LearnedRate rate = fresh();
        send(rate, Duration.ofMillis(20), Duration.ofSeconds(10)); // 50/s, then
        send(rate, Duration.ofMillis(100), Duration.ofSeconds(20)); // 10/s over the window
        rate.onFlood(Duration.ofSeconds(10));
        assertThat(rate.rate()).isCloseTo(5.0, within(EPS));
    }

    @Test
    void aWaitThatBeganEarlier_isMeasuredAgainstTheRateSentUntilItBegan() throws InterruptedException {
        LearnedRate measuredToBegin = fresh();
        send(measuredToBegin, Duration.ofMillis(100), Duration.ofSeconds(20));
        long began = clock.nanos();
        clock.advance(Duration.ofSeconds(10)); // the pause is noticed later, nothing sent meanwhile
        measuredToBegin.onFlood(Duration.ofSeconds(10), began);
        assertThat(measuredToBegin.rate()).isCloseTo(5.0, within(EPS));
    }

    @Test
    void aWaitNoticedLate_withoutItsBeginning_isMeasuredUpToNow() throws InterruptedException {
        LearnedRate rate = fresh();
        send(rate, Duration.ofMillis(100), Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(10));
        rate.onFlood(Duration.ofSeconds(10)); // 100 requests in the last 20 s: 5/s
        assertThat(rate.rate()).isCloseTo(2.5, within(EPS));
    }

    @Test
    void aLaterWait_stepsBackToSeventyPercentOfTheRateSent() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s
        send(rate, Duration.ofMillis(250), Duration.ofSeconds(20)); // 4/s, below the limiter: no probe
        assertThat(rate.rate()).isCloseTo(5.0, within(EPS));
        rate.onFlood(Duration.ofSeconds(10));
        assertThat(rate.rate()).isCloseTo(2.8, within(EPS));
        assertThat(rate.learned()).hasValueCloseTo(2.8, within(EPS));
    }

    @Test
    void aLaterWaitOverAMinute_backsOffToFortyPercentOfTheRateSent() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond();
        send(rate, Duration.ofMillis(250), Duration.ofSeconds(20));
        rate.onFlood(Duration.ofSeconds(61));
        assertThat(rate.rate()).isCloseTo(1.6, within(EPS));
    }

    @Test
    void aLaterWaitOfExactlyAMinute_isNotALongOne() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond();
        send(rate, Duration.ofMillis(250), Duration.ofSeconds(20));
        rate.onFlood(Duration.ofSeconds(60));
        assertThat(rate.rate()).isCloseTo(2.8, within(EPS));
    }

    @Test
    void aFirstWaitOverAMinute_backsOffToFortyPercent_asTheCodeDoes() throws InterruptedException {
        // the javadoc's "(0.4 for a wait over a minute)" sits beside the later waits' 0.7; the code
        // applies it to a first wait too (the client may have pushed through waits TDLib absorbed)
        LearnedRate rate = fresh();
        send(rate, Duration.ofMillis(100), Duration.ofSeconds(20));
        rate.onFlood(Duration.ofSeconds(300));
        assertThat(rate.rate()).isCloseTo(4.0, within(EPS));
    }

    @Test
    void backingOff_neverGoesBelowTheLeastRate() throws InterruptedException {
        LearnedRate rate = new LearnedRate(clock, OptionalDouble.empty(), 2.0, 40);
        send(rate, Duration.ofSeconds(1), Duration.ofSeconds(20)); // 1/s sent
        rate.onFlood(Duration.ofSeconds(10));
        assertThat(rate.rate()).isCloseTo(2.0, within(EPS));
        clock.advance(Duration.ofSeconds(10));
        rate.onFlood(Duration.ofSeconds(120));
        assertThat(rate.rate()).isCloseTo(2.0, within(EPS));
    }

    // ------------------------------------------------------------------ episodes

    @Test
    void aSecondWaitWithinTheEpisode_doesNotBackOffAgain() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond();
        clock.advance(Duration.ofSeconds(4));
        rate.onFlood(Duration.ofSeconds(10));
        assertThat(rate.rate()).isCloseTo(5.0, within(EPS));
        assertThat(rate.floods()).isEqualTo(2);
    }

    @Test
    void waitsEachWithinFiveSecondsOfTheLast_areAllOneEpisode() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(4));
            rate.onFlood(Duration.ofSeconds(30));
        }
        assertThat(rate.rate()).isCloseTo(5.0, within(EPS));
        assertThat(rate.floods()).isEqualTo(6);
    }

    @Test
    void aWaitFiveSecondsAfterTheLast_isANewEpisode_andBacksOffAgain() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s at 20 s
        clock.advance(Duration.ofSeconds(5));
        rate.onFlood(Duration.ofSeconds(10));
        // sent over [5 s, 25 s]: 7.5/s, above the rate in force; the rate in force outran the limit
        assertThat(rate.rate()).isCloseTo(0.7 * 5.0, within(EPS));
    }

    // ------------------------------------------------------------------ probing up

    @Test
    void whileTheLimiterHoldsTheWorkBack_theRateRisesTwentyPercentEveryTenSeconds() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s at 20 s, ceiling 9/s
        long flood = clock.nanos();
        sendFlatOut(rate, clock, flood + seconds(9));
        assertThat(rate.rate()).isCloseTo(5.0, within(EPS));
        sendFlatOut(rate, clock, flood + seconds(11));
        assertThat(rate.rate()).isCloseTo(6.0, within(EPS));
        assertThat(rate.limiter().rate()).isCloseTo(6.0, within(EPS));
        sendFlatOut(rate, clock, flood + seconds(19));
        assertThat(rate.rate()).isCloseTo(6.0, within(EPS));
        sendFlatOut(rate, clock, flood + seconds(22));
        assertThat(rate.rate()).isCloseTo(7.2, within(EPS));
        // 7.2/s is a probe not yet proven; 6/s ran ten seconds held back without a wait
        assertThat(rate.learned()).hasValueCloseTo(6.0, within(EPS));
    }

    @Test
    void sendingBelowTheRate_neverProbesUp() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s
        send(rate, Duration.ofMillis(250), Duration.ofSeconds(120)); // 4/s: never waits for a token
        assertThat(rate.rate()).isCloseTo(5.0, within(EPS));
    }

    @Test
    void workThatSendsLessThanNinetyPercentOfTheRate_doesNotProbeUp() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s, burst 5
        for (int i = 0; i < 10; i++) {
            sendFlatOut(rate, clock, clock.nanos() + seconds(6));
            clock.advance(Duration.ofSeconds(4)); // idle: 30 sent + a burst of 5 in ten seconds, 70 % of the rate
        }
        assertThat(rate.rate()).isCloseTo(5.0, within(EPS));
    }

    @Test
    void shortGapsBetweenFilesWhileHeldBack_stillProbeUp() throws InterruptedException {
        // the next file is chosen in a second's gap and the bucket refills meanwhile, but the work
        // still sent nearly the whole rate: the limiter is what holds it back
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s, burst 5
        for (int i = 0; i < 3; i++) {
            sendFlatOut(rate, clock, clock.nanos() + seconds(9));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(rate.rate()).isGreaterThan(5.0);
        assertThat(rate.raises()).isPositive();
    }

    @Test
    void aWait_restartsTheTenSecondsBeforeTheNextProbe() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond();
        long start = clock.nanos();
        sendFlatOut(rate, clock, start + seconds(8));
        rate.onFlood(Duration.ofSeconds(5)); // 8 s after the first: a new episode
        double backedOff = rate.rate();
        assertThat(backedOff).isLessThan(5.0);
        sendFlatOut(rate, clock, start + seconds(17)); // 9 s after the wait
        assertThat(rate.rate()).isCloseTo(backedOff, within(EPS));
        sendFlatOut(rate, clock, start + seconds(19));
        assertThat(rate.rate()).isCloseTo(backedOff * 1.2, within(EPS));
    }

    @Test
    void theProbe_neverRisesAboveTheCeiling_untilThirtySecondsWithoutAWait() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s at 20 s
        long first = clock.nanos();
        clock.advance(Duration.ofSeconds(5));
        rate.onFlood(Duration.ofSeconds(10)); // outran 5/s: ceiling 4.5/s, rate 3.5/s
        long second = clock.nanos();
        assertThat(second - first).isEqualTo(seconds(5));
        assertThat(rate.rate()).isCloseTo(3.5, within(EPS));
        sendFlatOut(rate, clock, second + seconds(15));
        assertThat(rate.rate()).isCloseTo(4.2, within(EPS));
        sendFlatOut(rate, clock, second + seconds(25));
        assertThat(rate.rate()).as("4.2 × 1.2 = 5.04, held at the ceiling").isCloseTo(4.5, within(EPS));
        // the probe 30 s after the wait raises the ceiling by as much, and the rate follows it
        sendFlatOut(rate, clock, second + seconds(35));
        assertThat(rate.rate()).isCloseTo(4.5 * 1.2, within(EPS));
    }

    // ------------------------------------------------------------------ the burst

    @Test
    void beforeAnyWait_theBurstIsTheOneGiven() {
        LearnedRate rate = fresh();
        assertThat(tokensAvailable(rate)).isEqualTo(40);
    }

    @Test
    void aWait_shrinksTheBurstToASecondOfTheRate() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s
        clock.advance(Duration.ofMinutes(1)); // the bucket fills up to its burst
        assertThat(tokensAvailable(rate)).isEqualTo(5);
    }

    @Test
    void theBurstFollowsTheRateAsItProbesUp() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond();
        sendFlatOut(rate, clock, clock.nanos() + seconds(11)); // 6/s
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokensAvailable(rate)).isEqualTo(6);
    }

    @Test
    void theBurst_isNeverLessThanOne() throws InterruptedException {
        LearnedRate rate = new LearnedRate(clock, OptionalDouble.empty(), 0.2, 40);
        send(rate, Duration.ofSeconds(2), Duration.ofSeconds(20)); // 0.5/s sent
        rate.onFlood(Duration.ofSeconds(10));
        assertThat(rate.rate()).isCloseTo(0.25, within(EPS));
        clock.advance(Duration.ofMinutes(10));
        assertThat(tokensAvailable(rate)).isEqualTo(1);
    }

    @Test
    void aLargerRateThanTheBurst_keepsTheBurstGiven() throws InterruptedException {
        LearnedRate rate = restored(100);
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokensAvailable(rate)).isEqualTo(40);
    }

    private static int tokensAvailable(LearnedRate rate) {
        int n = 0;
        while (rate.limiter().tryAcquire()) {
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ remembering

    @Test
    void whatIsLearned_startsTheNextRunThere() throws InterruptedException {
        LearnedRate first = afterAFirstWaitAtTenPerSecond();
        OptionalDouble saved = first.learned();
        LearnedRate next = new LearnedRate(clock, saved, 1.0, 40);
        assertThat(next.rate()).isCloseTo(5.0, within(EPS));
        assertThat(next.limiter().rate()).isCloseTo(5.0, within(EPS));
        assertThat(next.learned()).hasValueCloseTo(5.0, within(EPS));
        assertThat(next.floods()).isZero();
    }

    @Test
    void aRestoredRate_startsWithABurstOfASecondOfIt() {
        LearnedRate rate = restored(7);
        assertThat(tokensAvailable(rate)).isEqualTo(7);
    }

    @Test
    void aRestoredRate_paces_fromTheStart() throws InterruptedException {
        LearnedRate rate = restored(5);
        long start = clock.nanos();
        rate.acquire(5 + 50); // the burst, then 50 at 5/s
        assertThat(clock.nanos() - start).isEqualTo(seconds(10));
    }

    @Test
    void aRestoredRate_isItsOwnCeiling_forTwoMinutes_thenProbesUp() throws InterruptedException {
        LearnedRate rate = restored(5);
        sendFlatOut(rate, clock, seconds(119));
        assertThat(rate.rate()).as("held at the rate that ran before without a wait").isCloseTo(5.0, within(EPS));
        assertThat(rate.raises()).isZero();
        sendFlatOut(rate, clock, seconds(121));
        assertThat(rate.rate()).isCloseTo(6.0, within(EPS));
    }

    @Test
    void aWaitInARestoredRun_endsTheTwoMinutes_theCeilingRisesThirtySecondsAfterIt() throws InterruptedException {
        LearnedRate rate = restored(5);
        sendFlatOut(rate, clock, seconds(20));
        rate.onFlood(Duration.ofSeconds(10)); // today's limit is lower: 5/s sent, 3.5/s, ceiling 4.5/s
        long wait = clock.nanos();
        sendFlatOut(rate, clock, wait + seconds(29));
        assertThat(rate.rate()).isCloseTo(4.5, within(EPS));
        sendFlatOut(rate, clock, wait + seconds(31));
        assertThat(rate.rate()).isCloseTo(4.5 * 1.2, within(EPS));
    }

    @Test
    void aRestoredRate_stepsBackALittleAtItsFirstWait_notByHalf() throws InterruptedException {
        LearnedRate rate = restored(5);
        send(rate, Duration.ofMillis(250), Duration.ofSeconds(20)); // 4/s
        rate.onFlood(Duration.ofSeconds(10));
        assertThat(rate.rate()).isCloseTo(0.7 * 4.0, within(EPS));
    }

    @Test
    void aWaitRightAfterARestoredStart_isNotPartOfAnEarlierEpisode() throws InterruptedException {
        LearnedRate rate = restored(5);
        rate.acquire(5);
        clock.advance(Duration.ofSeconds(1));
        rate.onFlood(Duration.ofSeconds(10));
        assertThat(rate.rate()).isLessThan(5.0);
    }

    @Test
    void theLearnedValue_followsTheProbes_onceTheyRanTenSecondsWithoutAWait() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s
        long flood = clock.nanos();
        sendFlatOut(rate, clock, flood + seconds(11)); // probed to 6/s
        assertThat(rate.learned()).hasValueCloseTo(5.0, within(EPS));
        sendFlatOut(rate, clock, flood + seconds(21)); // 6/s held ten seconds: proven; probed to 7.2/s
        assertThat(rate.learned()).hasValueCloseTo(6.0, within(EPS));
        assertThat(new LearnedRate(clock, rate.learned(), 1.0, 40).rate()).isCloseTo(6.0, within(EPS));
    }

    @Test
    void aProbeAboveTheLastWaitsCeiling_thatMeetsAWait_doublesTheQuietBeforeTheCeilingRisesAgain()
            throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // 5/s, ceiling 9/s
        long start = clock.nanos();
        sendFlatOut(rate, clock, start + seconds(5));
        rate.onFlood(Duration.ofSeconds(10)); // 5/s outran: ceiling 4.5/s (the first quiet: 30 s)
        long second = clock.nanos();
        sendFlatOut(rate, clock, second + seconds(31)); // the ceiling rose: 5.4/s
        assertThat(rate.rate()).isCloseTo(5.4, within(EPS));
        clock.advance(Duration.ofSeconds(1));
        rate.onFlood(Duration.ofSeconds(20)); // above the 4.5/s the last wait set: the limit did not relax
        double ceiling = rate.rate() / 0.7 * 0.9;
        long third = clock.nanos();
        sendFlatOut(rate, clock, third + seconds(55));
        assertThat(rate.rate()).as("no ceiling raise 30 s after this wait").isCloseTo(ceiling, within(EPS));
        sendFlatOut(rate, clock, third + seconds(65));
        assertThat(rate.rate()).isGreaterThan(ceiling);
    }

    @Test
    void oneWaitNoticedAgainWhileItLasts_isOneEpisode() throws InterruptedException {
        LearnedRate rate = afterAFirstWaitAtTenPerSecond(); // noticed now: 5/s
        long noticed = clock.nanos();
        clock.advance(Duration.ofSeconds(8));
        rate.onFlood(Duration.ofSeconds(3), noticed); // the downloads asked again stalled: same wait
        assertThat(rate.rate()).isCloseTo(5.0, within(EPS));
        assertThat(rate.backoffs()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ a configured start, long waits, high rates

    @Test
    void aConfiguredRate_pacesButIsNotLearned_untilAWait() throws InterruptedException {
        LearnedRate rate = new LearnedRate(clock, OptionalDouble.empty(), 30, 0.2, 30);
        sendFlatOut(rate, clock, seconds(60));
        assertThat(rate.rate()).as("never probed above what is configured before a wait").isCloseTo(30, within(EPS));
        assertThat(rate.learned()).isEmpty();
    }

    @Test
    void aLearnedStartAboveTheConfiguredRate_isHeldToIt() {
        LearnedRate rate = new LearnedRate(clock, OptionalDouble.of(30), 5, 0.2, 30);
        assertThat(rate.rate()).isCloseTo(5, within(EPS));
        assertThat(rate.learned()).hasValueCloseTo(5.0, within(EPS));
    }

    @Test
    void aWaitLongerThanTheWindow_measuresTheRateSentUpToTheCallThatMetIt() throws InterruptedException {
        LearnedRate rate = new LearnedRate(clock, OptionalDouble.empty(), 30, 0.2, 30);
        sendFlatOut(rate, clock, seconds(60)); // 30/s
        long sent = clock.nanos();
        clock.advance(Duration.ofSeconds(30)); // the call is held 30 s: nothing else is sent meanwhile
        rate.onFlood(Duration.ofSeconds(27), sent);
        assertThat(rate.rate()).isCloseTo(15, within(0.5));
        assertThat(rate.learned()).hasValueCloseTo(15.0, within(0.5));
    }

    @Test
    void aHighRate_stillProbesUp() throws InterruptedException {
        LearnedRate rate = fresh();
        send(rate, Duration.ofMillis(1), Duration.ofSeconds(20)); // 1000/s
        rate.onFlood(Duration.ofSeconds(10)); // 500/s
        sendFlatOut(rate, clock, clock.nanos() + seconds(11));
        assertThat(rate.rate()).isCloseTo(600, within(EPS));
    }
}
