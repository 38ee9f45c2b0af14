package dev.tgdl.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tgdl.pacing.Jitter;
import dev.tgdl.time.ManualTimeSource;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The adaptive policy: bytes in flight, a learned part rate, on a clock the test drives. */
class AdaptivePolicyTest {

    private static final double EPS = 1e-9;
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    private final ManualTimeSource clock = new ManualTimeSource();
    private final PolicySettings settings = PolicySettings.defaults(); // adaptive, 2..16 files

    private AdaptivePolicy fresh() {
        return new AdaptivePolicy(clock, settings, Policies.Start.FRESH);
    }

    private AdaptivePolicy learned(double partRate) {
        return new AdaptivePolicy(clock, settings, new Policies.Start(false, OptionalDouble.of(partRate)));
    }

    /** Files of one part each, one every {@code gap}, for {@code span}, every one downloaded. */
    private void fetch(AdaptivePolicy policy, Duration gap, Duration span) throws InterruptedException {
        long end = clock.nanos() + span.toNanos();
        while (clock.nanos() < end) {
            policy.pace(1);
            policy.onDownloaded(Duration.ofMillis(50));
            clock.advance(gap);
        }
    }

    /** As many one-part files as the part rate lets through, until {@code until} (clock nanos). */
    private void fetchFlatOut(AdaptivePolicy policy, long until) throws InterruptedException {
        while (clock.nanos() < until) {
            policy.pace(1);
            policy.onDownloaded(Duration.ofMillis(50));
        }
    }

    /** Ten parts a second for 20 s, then a flood wait: the part rate is 5/s. */
    private AdaptivePolicy afterAWaitAtTenPartsPerSecond() throws InterruptedException {
        AdaptivePolicy policy = fresh();
        fetch(policy, Duration.ofMillis(100), Duration.ofSeconds(20));
        policy.onFlood(Duration.ofSeconds(10), clock.nanos());
        return policy;
    }

    // ------------------------------------------------------------------ starting points

    @Test
    void withNothingLearned_twoBudgetsOfBytesAreInFlight_andNothingIsPaced() throws InterruptedException {
        AdaptivePolicy policy = fresh();
        assertThat(policy.name()).isEqualTo("adaptive");
        assertThat(policy.maxFiles()).isEqualTo(16);
        assertThat(policy.maxBytesInFlight()).isEqualTo(4 * MIB);
        assertThat(policy.learnedPartRate()).isEmpty();
        policy.pace(1000);
        assertThat(clock.nanos()).isLessThan(Duration.ofMillis(1).toNanos());
        assertThat(policy.state().delay()).isZero();
    }

    @Test
    void withPremium_eightTimesTheBytesAreInFlight() {
        AdaptivePolicy policy = new AdaptivePolicy(clock, settings, new Policies.Start(true, OptionalDouble.empty()));
        assertThat(policy.maxBytesInFlight()).isEqualTo(32 * MIB);
    }

    @Test
    void fromALearnedRate_bytesInFlightAreASecondOfIt() {
        AdaptivePolicy policy = learned(10);
        assertThat(policy.learnedPartRate()).hasValueCloseTo(10d, within(EPS));
        assertThat(policy.maxBytesInFlight()).isEqualTo(10 * 64 * KIB);
        assertThat(policy.state().delay()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void fromASlowLearnedRate_atLeastFourPartsAreInFlight() {
        assertThat(learned(2.5).maxBytesInFlight()).isEqualTo(4 * 64 * KIB);
    }

    @Test
    void fromAFastLearnedRate_bytesInFlightStayWithinTwoBudgets() {
        assertThat(learned(100).maxBytesInFlight()).isEqualTo(4 * MIB);
        AdaptivePolicy premium = new AdaptivePolicy(clock, settings, new Policies.Start(true, OptionalDouble.of(100)));
        assertThat(premium.maxBytesInFlight()).isEqualTo(100 * 64 * KIB);
    }

    @Test
    void fromALearnedRate_eachPartTakesAToken() throws InterruptedException {
        AdaptivePolicy policy = learned(10);
        policy.pace(10); // the burst: a second of the rate
        assertThat(clock.nanos()).isZero();
        policy.pace(20);
        assertThat(clock.nanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    // ------------------------------------------------------------------ flood waits

    @Test
    void aFloodWait_halvesThePartRate_andShrinksTheBytesInFlightToASecondOfIt() throws InterruptedException {
        AdaptivePolicy policy = afterAWaitAtTenPartsPerSecond();
        assertThat(policy.learnedPartRate()).hasValueCloseTo(5d, within(EPS));
        assertThat(policy.maxBytesInFlight()).isEqualTo(5 * 64 * KIB);
        PolicyState state = policy.state();
        assertThat(state.floods()).isEqualTo(1);
        assertThat(state.consecutiveSuccesses()).isZero();
        assertThat(state.delay()).isEqualTo(Duration.ofMillis(200));
        assertThat(state.maxDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(state.shrinks()).isEqualTo(1);
        assertThat(policy.maxFiles()).isEqualTo(16);
    }

    @Test
    void aFloodWaitWithoutItsBeginning_isMeasuredUpToNow() throws InterruptedException {
        AdaptivePolicy policy = fresh();
        fetch(policy, Duration.ofMillis(100), Duration.ofSeconds(20));
        policy.onFlood(Duration.ofSeconds(10));
        assertThat(policy.learnedPartRate()).hasValueCloseTo(5d, within(EPS));
    }

    @Test
    void aPauseNoticedLate_isMeasuredUpToWhenItBegan() throws InterruptedException {
        AdaptivePolicy policy = fresh();
        fetch(policy, Duration.ofMillis(100), Duration.ofSeconds(20));
        long began = clock.nanos();
        clock.advance(Duration.ofSeconds(10));
        policy.onFlood(Duration.ofSeconds(10), began);
        assertThat(policy.learnedPartRate()).hasValueCloseTo(5d, within(EPS));
    }

    @Test
    void afterAFloodWait_partsArePacedAtTheLearnedRate() throws InterruptedException {
        AdaptivePolicy policy = afterAWaitAtTenPartsPerSecond();
        clock.advance(Duration.ofMinutes(1)); // a full bucket: 5 parts
        long start = clock.nanos();
        policy.pace(5 + 10);
        assertThat(clock.nanos() - start).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    // ------------------------------------------------------------------ growing back

    @Test
    void sustainedSuccessHeldBackByThePartRate_growsTheRateAndTheBytesInFlightBack() throws InterruptedException {
        AdaptivePolicy policy = afterAWaitAtTenPartsPerSecond();
        long flood = clock.nanos();
        fetchFlatOut(policy, flood + Duration.ofSeconds(11).toNanos());
        assertThat(policy.state().delay()).isEqualTo(Duration.ofNanos((long) (1e9 / 6)));
        assertThat(policy.learnedPartRate()).as("a probe is kept once it ran ten seconds").hasValueCloseTo(5d, within(EPS));
        assertThat(policy.maxBytesInFlight()).isEqualTo(6 * 64 * KIB);
        fetchFlatOut(policy, flood + Duration.ofSeconds(21).toNanos());
        assertThat(policy.learnedPartRate()).hasValueCloseTo(6d, within(EPS));
        assertThat(policy.maxBytesInFlight()).isEqualTo(8 * 64 * KIB);
        PolicyState state = policy.state();
        assertThat(state.consecutiveSuccesses()).isGreaterThan(100);
        assertThat(state.maxDelay()).as("the slowest pace so far").isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void successNotHeldBackByThePartRate_doesNotGrowIt() throws InterruptedException {
        AdaptivePolicy policy = afterAWaitAtTenPartsPerSecond();
        fetch(policy, Duration.ofMillis(250), Duration.ofMinutes(2)); // 4 parts a second, under the 5 allowed
        assertThat(policy.learnedPartRate()).hasValueCloseTo(5d, within(EPS));
        assertThat(policy.state().consecutiveSuccesses()).isEqualTo(480);
    }

    @Test
    void aFloodWait_endsTheRunOfSuccesses() throws InterruptedException {
        AdaptivePolicy policy = learned(10);
        for (int i = 0; i < 7; i++) {
            policy.onDownloaded(Duration.ofSeconds(1));
        }
        assertThat(policy.state().consecutiveSuccesses()).isEqualTo(7);
        policy.onFlood(Duration.ofSeconds(3));
        assertThat(policy.state().consecutiveSuccesses()).isZero();
    }

    // ------------------------------------------------------------------ the speed limit, pauses, large files

    @Test
    void underTheSpeedLimit_bytesInFlightAreNotCapped() throws InterruptedException {
        AdaptivePolicy policy = afterAWaitAtTenPartsPerSecond();
        policy.onSpeedLimit();
        assertThat(policy.maxBytesInFlight()).isEqualTo(Long.MAX_VALUE);
        AdaptivePolicy freshOne = fresh();
        freshOne.onSpeedLimit();
        assertThat(freshOne.maxBytesInFlight()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void itShedsDownloadsOnAPause_andLetsTwoLargeFilesInAtOnce() {
        AdaptivePolicy policy = fresh();
        assertThat(policy.shedsOnPause()).isTrue();
        assertThat(policy.maxLargeFiles()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ remembering

    @Test
    void whatOneRunLearns_theNextStartsFrom() throws InterruptedException {
        AdaptivePolicy first = afterAWaitAtTenPartsPerSecond();
        fetchFlatOut(first, clock.nanos() + Duration.ofSeconds(21).toNanos()); // 6/s ran ten seconds: proven
        OptionalDouble saved = first.learnedPartRate(); // what MediaDownloader keeps in the ledger
        AdaptivePolicy next = (AdaptivePolicy) Policies.create(settings, clock, Jitter.standard(new SplittableRandom(1)),
                new Policies.Start(false, saved));
        assertThat(next.learnedPartRate()).hasValueCloseTo(6d, within(EPS));
        assertThat(next.maxBytesInFlight()).isEqualTo(Math.max(AdaptivePolicy.MIN_PARTS, 6) * AdaptivePolicy.PART);
        assertThat(next.state().floods()).isZero();
    }

    // ------------------------------------------------------------------ the state, as stats report it

    @Test
    void state_countsEachProbeUpAsAGrow() throws InterruptedException {
        AdaptivePolicy policy = afterAWaitAtTenPartsPerSecond();
        fetchFlatOut(policy, clock.nanos() + Duration.ofSeconds(21).toNanos()); // 5 -> 6 -> 7.2
        assertThat(policy.state().grows()).isEqualTo(2);
    }

    @Test
    void state_countsOnlyTheBackOffsAsShrinks() throws InterruptedException {
        AdaptivePolicy policy = afterAWaitAtTenPartsPerSecond();
        clock.advance(Duration.ofSeconds(2));
        policy.onFlood(Duration.ofSeconds(10)); // the same episode: no back-off
        assertThat(policy.learnedPartRate()).hasValueCloseTo(5d, within(EPS));
        assertThat(policy.state().floods()).isEqualTo(2);
        assertThat(policy.state().shrinks()).isEqualTo(1);
    }

    @Test
    void state_maxDelayIsTheLongestPaceSoFar_fromALearnedRateToo() throws InterruptedException {
        AdaptivePolicy policy = learned(5);
        fetchFlatOut(policy, Duration.ofSeconds(131).toNanos()); // held two minutes, then probed up to 6/s
        assertThat(policy.learnedPartRate()).hasValueCloseTo(6d, within(EPS));
        assertThat(policy.state().maxDelay()).isEqualTo(Duration.ofMillis(200));
    }
}
