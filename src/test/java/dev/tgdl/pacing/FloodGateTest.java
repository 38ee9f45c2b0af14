package dev.tgdl.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.time.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FloodGateTest {

    private final ManualTimeSource clock = new ManualTimeSource();
    private final FloodGate gate = new FloodGate(clock);

    @Test
    void openGate_passesAtOnce() throws InterruptedException {
        assertThat(gate.pass()).isZero();
    }

    @Test
    void closedGate_holdsEveryCallerUntilTheWaitEnds() throws InterruptedException {
        gate.close(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(10));
        assertThat(gate.pass()).isEqualTo(Duration.ofSeconds(20));
        assertThat(gate.pass()).isZero();
    }

    @Test
    void shorterClosing_doesNotShortenALongerOne() throws InterruptedException {
        gate.close(Duration.ofSeconds(60));
        gate.close(Duration.ofSeconds(5));
        assertThat(gate.remaining()).isEqualTo(Duration.ofSeconds(60));
    }
}
