package dev.tgdl.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The wall clock: every wait is the JDK's own, in real time. */
final class SystemTimeSource implements TimeSource {

    static final SystemTimeSource INSTANCE = new SystemTimeSource();
    private static final Participation NONE = () -> {
    };

    private final long origin = System.nanoTime();

    private SystemTimeSource() {
    }

    @Override
    public long nanos() {
        return System.nanoTime() - origin;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return;
        }
        Thread.sleep(duration);
    }

    @Override
    public <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException {
        try {
            return future.get();
        } catch (CancellationException e) {
            throw new ExecutionException(e);
        }
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return future.get(Math.max(0, Deadlines.plus(0, timeout)), TimeUnit.NANOSECONDS);
        } catch (CancellationException e) {
            throw new ExecutionException(e);
        }
    }

    @Override
    public Monitor newMonitor() {
        return new RealMonitor();
    }

    @Override
    public Thread startThread(String name, boolean virtual, Runnable task) {
        return virtual ? Thread.ofVirtual().name(name).start(task) : Thread.ofPlatform().name(name).daemon(true).start(task);
    }

    @Override
    public Participation participate() {
        return NONE;
    }

    @Override
    public void interrupt(Thread thread) {
        thread.interrupt();
    }

    @Override
    public String toString() {
        return "TimeSource[system]";
    }

    private final class RealMonitor implements Monitor {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();

        @Override
        public void lock() {
            lock.lock();
        }

        @Override
        public void unlock() {
            lock.unlock();
        }

        @Override
        public boolean awaitUntil(long deadlineNanos) throws InterruptedException {
            if (deadlineNanos == Long.MAX_VALUE) {
                changed.await();
                return true;
            }
            long left = deadlineNanos - nanos();
            return left > 0 && changed.awaitNanos(left) > 0 || nanos() < deadlineNanos;
        }

        @Override
        public void signalAll() {
            changed.signalAll();
        }
    }
}
