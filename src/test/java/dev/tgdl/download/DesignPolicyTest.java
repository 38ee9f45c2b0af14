package dev.tgdl.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.pacing.Jitter;
import dev.tgdl.time.ManualTimeSource;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of the design policy (docs/architecture.md, "The controller"), on a clock the test drives. */
class DesignPolicyTest {

    private final ManualTimeSource clock = new ManualTimeSource();
    private DesignPolicy throttle;

    @BeforeEach
    void setUp() {
        throttle = new DesignPolicy(clock, Jitter.standard(new SplittableRandom(1)), new PolicySettings("design", 2, 8,
                Duration.ofMillis(500), Duration.ofMillis(50), Duration.ofSeconds(60)));
    }

    @Test
    void start_twoWorkersHalfSecondDelay() {
        assertThat(throttle.maxFiles()).isEqualTo(2);
        assertThat(throttle.state().delay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void floodOfMoreThanTenSeconds_doublesDelay_andDropsAWorker() {
        throttle.onFlood(Duration.ofSeconds(11));
        assertThat(throttle.state().delay()).isEqualTo(Duration.ofMillis(1000));
        assertThat(throttle.maxFiles()).isEqualTo(1);
    }

    @Test
    void floodOfSixToTenSeconds_multipliesDelayBy1point8() {
        throttle.onFlood(Duration.ofSeconds(6));
        assertThat(throttle.state().delay()).isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void floodOfFiveSecondsOrLess_multipliesDelayBy1point5() {
        throttle.onFlood(Duration.ofSeconds(5));
        assertThat(throttle.state().delay()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void floods_neverGoBelowOneWorker_norAboveMaxDelay() {
        for (int i = 0; i < 20; i++) {
            throttle.onFlood(Duration.ofSeconds(30));
        }
        assertThat(throttle.maxFiles()).isEqualTo(1);
        assertThat(throttle.state().delay()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void flood_resetsConsecutiveSuccesses() {
        for (int i = 0; i < 7; i++) {
            throttle.onDownloaded(Duration.ofSeconds(1));
        }
        throttle.onFlood(Duration.ofSeconds(2));
        assertThat(throttle.state().consecutiveSuccesses()).isZero();
    }

    @Test
    void successesWithin120sOfAFlood_changeNothing() {
        throttle.onFlood(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(119));
        for (int i = 0; i < 40; i++) {
            throttle.onDownloaded(Duration.ofSeconds(1));
        }
        assertThat(throttle.state().delay()).isEqualTo(Duration.ofMillis(750));
        assertThat(throttle.maxFiles()).isEqualTo(1);
    }

    @Test
    void after120sQuiet_fourteenthSuccessChangesNothing_fifteenthShrinksDelayBy5Percent() {
        clock.advance(Duration.ofSeconds(120));
        for (int i = 0; i < 14; i++) {
            throttle.onDownloaded(Duration.ofSeconds(1));
        }
        assertThat(throttle.state().delay()).isEqualTo(Duration.ofMillis(500));
        throttle.onDownloaded(Duration.ofSeconds(1));
        assertThat(throttle.state().delay()).isEqualTo(Duration.ofMillis(475));
    }

    @Test
    void after120sQuiet_every20thSuccessAddsAWorker_upToTheMaximum() {
        clock.advance(Duration.ofSeconds(120));
        for (int i = 0; i < 19; i++) {
            throttle.onDownloaded(Duration.ofSeconds(1));
        }
        assertThat(throttle.maxFiles()).isEqualTo(2);
        throttle.onDownloaded(Duration.ofSeconds(1));
        assertThat(throttle.maxFiles()).isEqualTo(3);
        for (int i = 0; i < 20 * 10; i++) {
            throttle.onDownloaded(Duration.ofSeconds(1));
        }
        assertThat(throttle.maxFiles()).isEqualTo(8);
    }

    @Test
    void recovery_neverGoesBelowMinDelay() {
        clock.advance(Duration.ofSeconds(120));
        for (int i = 0; i < 500; i++) {
            throttle.onDownloaded(Duration.ofSeconds(1));
        }
        assertThat(throttle.state().delay()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void state_recordsShrinkAndRecovery() {
        throttle.onFlood(Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(121));
        for (int i = 0; i < 40; i++) {
            throttle.onDownloaded(Duration.ofSeconds(1));
        }
        PolicyState state = throttle.state();
        assertThat(state.shrinks()).isEqualTo(1);
        assertThat(state.grows()).isEqualTo(2);
        assertThat(state.minWorkers()).isEqualTo(1);
        assertThat(state.maxWorkers()).isEqualTo(3);
        assertThat(state.maxDelay()).isEqualTo(Duration.ofSeconds(1));
    }
}
