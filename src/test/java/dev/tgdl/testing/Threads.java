package dev.tgdl.testing;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Thread checks for "no thread outlives the run" assertions. */
public final class Threads {

    private Threads() {
    }

    /** Live threads whose name matches, after waiting up to {@code grace} for them to end. */
    public static List<String> liveThreadsNamed(Predicate<String> name, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            List<String> live = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name)
                    .toList();
            if (live.isEmpty() || System.nanoTime() > deadline) {
                return live;
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until {@code condition} holds, for something another (real-time) thread does, up to
     * {@code limit}; fails the test when it never does. Not a timing assertion: the limit only stops a hang.
     */
    public static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + limit);
            }
            Thread.sleep(5);
        }
    }
}
