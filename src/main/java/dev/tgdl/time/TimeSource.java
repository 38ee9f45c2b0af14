package dev.tgdl.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one clock of tgdl. Every wait, timestamp and measured duration in engine code goes through it,
 * never through {@code Thread.sleep}, {@code System.nanoTime}, {@code Instant.now()} or a JDK wait
 * with a timeout, so that the simulator can run on {@linkplain #virtual virtual time} and tests can
 * drive time by hand.
 *
 * <p>Besides reading and sleeping, a time source owns the ways a thread may wait for another one:
 * {@link #await} a future, {@link #newMonitor() a monitor}, {@link #startThread a thread it starts}
 * and {@link #interrupt}. On the {@linkplain #system() system clock} these are the JDK's own; on a
 * virtual clock they are what lets the clock know that every thread is waiting, which is the only
 * moment its time may move. Code that blocks in any other way (a {@code BlockingQueue.take}, a
 * {@code Future.get}) freezes virtual time until it returns.
 */
public interface TimeSource {

    /** Monotonic nanoseconds in this source's time, for measuring durations and for deadlines. */
    long nanos();

    /** The current instant in this source's time. */
    Instant now();

    /**
     * Waits for {@code duration} of this source's time.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits for {@code future} to complete and returns its value.
     *
     * @throws ExecutionException   when it completed exceptionally (also for a cancellation)
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException;

    /**
     * Like {@link #await(CompletableFuture)}, giving up after {@code timeout} of this source's time.
     *
     * @throws TimeoutException when it has not completed in time (it may still complete later)
     */
    <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException;

    /** A new lock with one condition, whose timed waits are in this source's time. */
    Monitor newMonitor();

    /**
     * Starts a thread that takes part in this source's time: a virtual clock does not move while
     * it runs, only while it waits through this source (or once it has ended).
     *
     * @param virtual a virtual thread (downloads, scans) rather than a platform daemon thread
     */
    Thread startThread(String name, boolean virtual, Runnable task);

    /**
     * The calling thread takes part in this source's time until the returned handle is closed (the
     * main thread of a simulated run, say). Nested calls are counted once.
     */
    Participation participate();

    /**
     * Interrupts {@code thread}. Use this rather than {@link Thread#interrupt()} for a thread that
     * may be waiting on this source: a virtual clock then counts it as running at once, before it
     * has been scheduled, so that no time passes behind its back.
     */
    void interrupt(Thread thread);

    /** The calling thread's part in a source's time; closing it ends the part (idempotent). */
    interface Participation extends AutoCloseable {
        @Override
        void close();
    }

    /** Duration since {@code startNanos}, a value previously returned by {@link #nanos()}. */
    default Duration since(long startNanos) {
        return Duration.ofNanos(nanos() - startNanos);
    }

    /** The deadline {@code duration} from now in {@link #nanos()} terms, saturating instead of overflowing. */
    default long deadline(Duration duration) {
        return Deadlines.plus(nanos(), duration);
    }

    /** The wall clock. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }

    /**
     * A virtual clock starting at {@code start}: its time moves only when every thread taking part
     * waits on it, straight to the next deadline, and never faster than {@code pace} of its seconds
     * per real second ({@link Double#POSITIVE_INFINITY}: as fast as the processor allows). What
     * happens in it does not depend on how fast or how loaded the machine is.
     */
    static VirtualClock virtual(Instant start, double pace) {
        return new VirtualClock(start, pace);
    }
}
