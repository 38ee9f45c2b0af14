package dev.tgdl.time;

/**
 * A lock with one condition whose waits are in a {@link TimeSource}'s time: the shape of every
 * hand-off between threads that must not freeze a virtual clock (a queue, a permit pool, the
 * simulator's event loop). Use it as a {@link java.util.concurrent.locks.Condition}: hold the
 * lock, test the state in a loop, wait; whoever changes the state signals while holding the lock.
 */
public interface Monitor {

    void lock();

    void unlock();

    /**
     * Releases the lock and waits until signalled, interrupted, or the source's {@link TimeSource#nanos()}
     * reaches {@code deadlineNanos} ({@link Long#MAX_VALUE}: no deadline); holds the lock again on return.
     * Spurious returns are possible: callers re-test their condition.
     *
     * @return false when the deadline passed
     */
    boolean awaitUntil(long deadlineNanos) throws InterruptedException;

    /** Waits with no deadline (see {@link #awaitUntil}). */
    default void await() throws InterruptedException {
        awaitUntil(Long.MAX_VALUE);
    }

    /** Wakes every thread waiting on this monitor; call while holding the lock. */
    void signalAll();
}
