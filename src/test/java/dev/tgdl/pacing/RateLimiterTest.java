package dev.tgdl.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tgdl.time.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final ManualTimeSource clock = new ManualTimeSource();

    @Test
    void burstIsFree_thenCallsArePacedAtTheRate() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(clock, 2.0, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire()).isZero();
        }
        assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(500));
        assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void tokensRefillWithTime_upToTheBurst() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(clock, 1.0, 2);
        limiter.acquire();
        limiter.acquire();
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void hundredCalls_atFivePerSecond_takeTwentySecondsMinusTheBurst() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(clock, 5.0, 10);
        long start = clock.nanos();
        for (int i = 0; i < 100; i++) {
            limiter.acquire();
        }
        assertThat(Duration.ofNanos(clock.nanos() - start)).isEqualTo(Duration.ofSeconds(18));
    }
}
