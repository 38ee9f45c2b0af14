package dev.tgdl.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScaledTimeSourceTest {

    @Test
    void scaledClock_sleepsScaleTimesShorterInRealTime() throws InterruptedException {
        TimeSource clock = TimeSource.scaled(100);
        long realStart = System.nanoTime();
        long simStart = clock.nanos();

        clock.sleep(Duration.ofSeconds(20));

        double realSeconds = (System.nanoTime() - realStart) / 1e9;
        double simSeconds = (clock.nanos() - simStart) / 1e9;
        assertThat(realSeconds).isBetween(0.19, 1.0);
        assertThat(simSeconds).isGreaterThanOrEqualTo(19.9);
        assertThat(clock.toRealNanos(Duration.ofSeconds(1))).isEqualTo(10_000_000L);
    }

    @Test
    void scaledClock_nowAdvancesFromItsEpochAtScale() throws InterruptedException {
        TimeSource clock = TimeSource.scaled(1000);
        var before = clock.now();
        Thread.sleep(20);
        assertThat(Duration.between(before, clock.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(19));
    }

    @Test
    void nonPositiveScale_isRejected() {
        assertThatThrownBy(() -> TimeSource.scaled(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
