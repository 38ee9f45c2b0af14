package dev.tgdl.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.pacing.Jitter;
import dev.tgdl.time.ManualTimeSource;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code workers} files, {@code delay} apart, whatever happens. */
class FixedPolicyTest {

    private final ManualTimeSource clock = new ManualTimeSource();
    private final Jitter exact = new Jitter(new SplittableRandom(1), 1.0, 1.0);
    private final FixedPolicy policy = new FixedPolicy(clock, exact, 4, Duration.ofMillis(500));

    @Test
    void itIsNamedForItsWorkers_andBoundsFilesOnly() {
        assertThat(policy.name()).isEqualTo("fixed-4");
        assertThat(policy.maxFiles()).isEqualTo(4);
        assertThat(policy.maxBytesInFlight()).isEqualTo(Long.MAX_VALUE);
        assertThat(policy.maxLargeFiles()).isEqualTo(Integer.MAX_VALUE);
        assertThat(policy.shedsOnPause()).isFalse();
        assertThat(policy.learnedPartRate()).isEmpty();
    }

    @Test
    void requestsAreTheDelayApart_howeverManyPartsTheyHave() throws InterruptedException {
        policy.pace(1);
        assertThat(clock.nanos()).isZero();
        policy.pace(4000);
        policy.pace(1);
        assertThat(clock.nanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void requestsAreJittered_withinTheStandardBounds() throws InterruptedException {
        FixedPolicy jittered = new FixedPolicy(clock, Jitter.standard(new SplittableRandom(7)), 2, Duration.ofSeconds(1));
        jittered.pace(1);
        for (int i = 0; i < 20; i++) {
            long before = clock.nanos();
            jittered.pace(1);
            assertThat(clock.nanos() - before).isBetween(Duration.ofMillis(800).toNanos(), Duration.ofMillis(1200).toNanos());
        }
    }

    @Test
    void floodWaitsAndSuccesses_changeNeitherTheFilesNorTheDelay() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            policy.onFlood(Duration.ofSeconds(120));
        }
        policy.onSpeedLimit();
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 500; i++) {
            policy.onDownloaded(Duration.ofSeconds(1));
        }
        assertThat(policy.maxFiles()).isEqualTo(4);
        assertThat(policy.maxBytesInFlight()).isEqualTo(Long.MAX_VALUE);
        PolicyState state = policy.state();
        assertThat(state.workers()).isEqualTo(4);
        assertThat(state.delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(state.minWorkers()).isEqualTo(4);
        assertThat(state.maxWorkers()).isEqualTo(4);
        assertThat(state.maxDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(state.shrinks()).isZero();
        assertThat(state.grows()).isZero();
        long before = clock.nanos();
        policy.pace(1);
        policy.pace(1);
        assertThat(clock.nanos() - before).isEqualTo(Duration.ofMillis(500).toNanos());
    }

    @Test
    void state_countsFloodsAndTheSuccessesSinceTheLast() {
        policy.onDownloaded(Duration.ofSeconds(1));
        policy.onFlood(Duration.ofSeconds(5));
        policy.onDownloaded(Duration.ofSeconds(1));
        policy.onDownloaded(Duration.ofSeconds(1));
        assertThat(policy.state().floods()).isEqualTo(1);
        assertThat(policy.state().consecutiveSuccesses()).isEqualTo(2);
    }
}
