package dev.tgdl.time;

import java.time.Duration;

/** Saturating arithmetic on clock nanos: a deadline "in a year" must not wrap into the past. */
final class Deadlines {

    private Deadlines() {
    }

    static long plus(long nanos, Duration duration) {
        long add;
        try {
            add = duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? nanos : Long.MAX_VALUE;
        }
        if (add <= 0) {
            return nanos;
        }
        long sum = nanos + add;
        return sum < nanos ? Long.MAX_VALUE : sum;
    }
}
